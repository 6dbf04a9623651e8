package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotInfo;

import java.util.List;

/**
 * What the pipeline and the manual goals share: reading the status as a controller (refusing clearly when the
 * identity is not one), stopping a canister and returning it to the state it was found in, and the snapshot
 * limit message.
 */
final class CanisterControl {
    /** The most snapshots the IC keeps per canister. */
    static final int MAX_SNAPSHOTS = 10;

    private final IcSession session;

    CanisterControl(IcSession session) {
        this.session = session;
    }

    /**
     * {@code canister_status}, which only controllers may call.
     *
     * @throws InputException when the identity is not a controller or the canister does not exist
     */
    CanisterStatus statusAsController() throws InputException, IcCallException {
        CanisterStatus status;
        try {
            status = session.client().canisterStatus(session.canister());
        } catch (IcCallException e) {
            if (e.hasErrorCode("IC0512") || e.replicaMessage().contains("Only the controllers")) {
                throw notAController();
            }
            if (e.hasErrorCode("IC0301")) {
                throw new InputException(ParameterName.CANISTER_ID, "canister " + session.describeCanister()
                        + " does not exist on network " + describeNetwork());
            }
            throw e;
        }
        if (!status.controllers().contains(session.identity().principal())) {
            throw notAController();
        }
        return status;
    }

    private String describeNetwork() {
        String url = session.network().url().toString();
        return session.network().name().equals(url) ? url : session.network().name() + " (" + url + ")";
    }

    private InputException notAController() {
        String principal = session.identity().principal().toText();
        return new InputException(ParameterName.PEM_FILE, "The identity " + principal + " (from "
                + session.identity().source() + ") is not a controller of " + session.describeCanister()
                + ": sign with a controller's key (" + ParameterName.SERVER_ID + ", " + ParameterName.PEM_FILE + ", "
                + ParameterName.DFX_IDENTITY + " or " + ParameterName.PEM_ENVIRONMENT_VARIABLE
                + "), or have a controller run `dfx canister update-settings " + session.canister()
                + " --add-controller " + principal + "`", true);
    }

    /** Stops the canister unless it is stopped already; true if it was running (so it must be started again). */
    boolean stopIfRunning(CanisterStatus found) throws IcCallException {
        if (found.status() != CanisterRunStatus.STOPPED) {
            session.client().stopCanister(session.canister());
        }
        return found.status() == CanisterRunStatus.RUNNING;
    }

    /** Starts the canister again if it was running when found and is not running now. */
    void returnToRunState(boolean wasRunning) throws IcCallException {
        if (wasRunning && session.client().canisterStatus(session.canister()).status() != CanisterRunStatus.RUNNING) {
            session.client().startCanister(session.canister());
        }
    }

    /**
     * Loads {@code snapshot} (stopping the canister first if needed), starts the canister again if
     * {@code startAfter}, and checks that it runs {@code expectedModuleHash} again. Safe to repeat.
     *
     * @return a one-line summary for the step record
     */
    String restoreSnapshot(SnapshotId snapshot, boolean startAfter, String expectedModuleHash)
            throws IcCallException, StepFailure {
        if (session.client().canisterStatus(session.canister()).status() != CanisterRunStatus.STOPPED) {
            session.client().stopCanister(session.canister());
        }
        session.client().loadCanisterSnapshot(session.canister(), snapshot);
        returnToRunState(startAfter);
        CanisterStatus restored = session.client().canisterStatus(session.canister());
        String hash = restored.moduleHashHex().orElse(null);
        if (!expectedModuleHash.equals(hash)) {
            throw new StepFailure("after loading the snapshot the canister reports module " + hash + ", not the old "
                    + expectedModuleHash);
        }
        return "loaded " + snapshot + ", module " + hash + ", " + restored.status().name().toLowerCase();
    }

    /** The module hash the canister reports now, or null if it has none or the call fails. */
    String currentModuleHash() {
        try {
            return session.client().canisterStatus(session.canister()).moduleHashHex().orElse(null);
        } catch (IcCallException e) {
            return null;
        }
    }

    String snapshotLimitMessage(List<SnapshotInfo> snapshots, String whatIsRefused) {
        StringBuilder b = new StringBuilder();
        b.append(session.describeCanister()).append(" has reached the snapshot limit (").append(snapshots.size())
                .append(" of ").append(MAX_SNAPSHOTS).append(" snapshots): ").append(whatIsRefused)
                .append(". Snapshots: ");
        for (int i = 0; i < snapshots.size(); i++) {
            SnapshotInfo s = snapshots.get(i);
            b.append(i == 0 ? "" : ", ").append(s.textId()).append(" (taken ").append(s.takenAt()).append(", ")
                    .append(s.totalSize()).append(" bytes)");
        }
        b.append(". Ways out: delete one (mvn ic:delete-snapshot -Dic.snapshotId=<id>), drop ")
                .append(ParameterName.NO_OVERWRITE).append(" to replace the newest, or set ")
                .append(ParameterName.SKIP_SNAPSHOT).append(" to upgrade without a way back.");
        return b.toString();
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : java.util.HexFormat.of().formatHex(bytes);
    }
}
