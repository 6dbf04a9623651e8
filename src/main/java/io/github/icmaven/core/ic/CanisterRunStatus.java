package io.github.icmaven.core.ic;

/** Whether a canister executes messages ({@code status} of {@code canister_status}). */
public enum CanisterRunStatus {
    RUNNING,
    STOPPING,
    STOPPED
}
