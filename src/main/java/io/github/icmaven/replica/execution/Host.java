package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import java.util.function.BiConsumer;

/**
 * What every canister of the replica shares through the System API.
 *
 * @param debugPrintSink receives each {@code ic0.debug_print} line and trap message (canister id may be null in start)
 * @param rootKey the DER-encoded BLS root key ({@code ic0.root_key_copy})
 */
record Host(BiConsumer<Principal, String> debugPrintSink, byte[] rootKey) {}
