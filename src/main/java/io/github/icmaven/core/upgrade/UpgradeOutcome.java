package io.github.icmaven.core.upgrade;

/** How an upgrade run ended. */
public enum UpgradeOutcome {
    /** The new module runs. */
    UPGRADED(false),
    /** The canister already ran this module; nothing changed. */
    UNCHANGED(false),
    /** Dry run: checked and planned, nothing changed. */
    DRY_RUN(false),
    /** Something failed after the snapshot; the snapshot was loaded and the old module runs again. */
    RESTORED(true),
    /** Something failed and the old state could not be restored (no snapshot, or the restore failed). */
    FAILED_NOT_RESTORED(true),
    /** Refused before anything changed: bad input, not a controller, snapshot limit. */
    REFUSED(true),
    /** Not upgraded because another canister of the group failed; this one was put back as found. */
    CANCELLED(true);

    private final boolean failure;

    UpgradeOutcome(boolean failure) {
        this.failure = failure;
    }

    /** True when the build should fail. */
    public boolean isFailure() {
        return failure;
    }
}
