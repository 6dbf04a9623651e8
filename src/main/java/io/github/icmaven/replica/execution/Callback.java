package io.github.icmaven.replica.execution;

import java.util.OptionalLong;

/**
 * The callbacks a canister named for one outgoing call ({@code ic0.call_new}, {@code ic0.call_on_cleanup}):
 * indices into its function table, each with the {@code env} value it is passed.
 *
 * @param cleanupFun empty when the call has no cleanup callback
 */
public record Callback(long replyFun, long replyEnv, long rejectFun, long rejectEnv, OptionalLong cleanupFun,
                       long cleanupEnv) {}
