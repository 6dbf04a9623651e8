package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotInfo;

import java.util.List;
import java.util.Optional;

/**
 * The manual goals (snapshot, restore, list, delete, status) on one canister. Snapshot and restore stop a
 * running canister and start it again afterwards, as the pipeline does; each step is timed and reported to
 * the listener. Failures: {@link InputException} for what the user must change (nothing happened),
 * {@link IcCallException} for calls that failed.
 */
public final class CanisterOperations {
    private final IcSession session;
    private final CanisterControl control;
    private final UpgradeListener listener;

    public CanisterOperations(IcSession session, UpgradeListener listener) {
        this.session = session;
        this.control = new CanisterControl(session);
        this.listener = listener;
    }

    /** Takes an additional snapshot; never replaces one. At the limit it refuses before stopping anything. */
    public SnapshotInfo takeSnapshot() throws Exception {
        StepRunner steps = new StepRunner(listener);
        CanisterStatus found = control.statusAsController();
        List<SnapshotInfo> existing = session.client().listCanisterSnapshots(session.canister());
        if (existing.size() >= CanisterControl.MAX_SNAPSHOTS) {
            throw new InputException(ParameterName.SNAPSHOT_ID,
                    control.snapshotLimitMessage(existing, "no snapshot was taken"), true);
        }
        SnapshotInfo[] taken = new SnapshotInfo[1];
        boolean[] wasRunning = new boolean[1];
        try {
            steps.run("stop", () -> {
                wasRunning[0] = control.stopIfRunning(found);
                return wasRunning[0] ? "stopped" : "was not running";
            });
            steps.run("snapshot", () -> {
                taken[0] = session.client().takeCanisterSnapshot(session.canister(), Optional.empty());
                return "took " + taken[0].textId() + " (" + taken[0].totalSize() + " bytes)";
            });
        } catch (Exception e) {
            startAsFoundAfter(e, steps, found.status() == CanisterRunStatus.RUNNING);
            throw e;
        }
        startAsFound(steps, wasRunning[0]);
        listener.info("Snapshot " + taken[0].textId() + " of " + session.describeCanister() + " taken");
        return taken[0];
    }

    /** Loads a snapshot (which must belong to this canister) and returns the canister to its run state. */
    public CanisterStatus restore(String snapshotIdText) throws Exception {
        CanisterStatus found = control.statusAsController();
        SnapshotId id = existingSnapshot(snapshotIdText);
        StepRunner steps = new StepRunner(listener);
        boolean wasRunning = found.status() == CanisterRunStatus.RUNNING;
        try {
            steps.run("stop", () -> {
                control.stopIfRunning(found);
                return wasRunning ? "stopped" : "was not running";
            });
            steps.run("restore", () -> {
                session.client().loadCanisterSnapshot(session.canister(), id);
                return "loaded " + id;
            });
        } catch (Exception e) {
            startAsFoundAfter(e, steps, wasRunning);
            throw e;
        }
        startAsFound(steps, wasRunning);
        CanisterStatus now = session.client().canisterStatus(session.canister());
        listener.info("Restored " + session.describeCanister() + " from snapshot " + id + ": module "
                + now.moduleHashHex().orElse("none") + ", " + now.status().name().toLowerCase());
        return now;
    }

    public List<SnapshotInfo> listSnapshots() throws Exception {
        control.statusAsController();
        List<SnapshotInfo> snapshots = session.client().listCanisterSnapshots(session.canister());
        listener.info(session.describeCanister() + " has " + snapshots.size() + " of " + CanisterControl.MAX_SNAPSHOTS
                + " snapshots" + (snapshots.isEmpty() ? "" : ":"));
        for (SnapshotInfo s : snapshots) {
            listener.info("  " + s.textId() + "  taken " + s.takenAt() + "  " + s.totalSize() + " bytes");
        }
        return snapshots;
    }

    public void deleteSnapshot(String snapshotIdText) throws Exception {
        control.statusAsController();
        SnapshotId id = existingSnapshot(snapshotIdText);
        StepRunner steps = new StepRunner(listener);
        steps.run("delete-snapshot", () -> {
            session.client().deleteCanisterSnapshot(session.canister(), id);
            return "deleted " + id;
        });
        listener.info("Deleted snapshot " + id + " of " + session.describeCanister());
    }

    public CanisterStatus status() throws Exception {
        CanisterStatus status = control.statusAsController();
        List<SnapshotInfo> snapshots = session.client().listCanisterSnapshots(session.canister());
        listener.info(session.describeCanister() + " on " + session.network().name() + ": " + status.status().name().toLowerCase());
        listener.info("  module hash: " + status.moduleHashHex().orElse("none (no code installed)"));
        listener.info("  controllers: " + String.join(", ", status.controllers().stream().map(Object::toString).toList()));
        listener.info("  memory: " + status.memorySize() + " bytes, cycles: " + status.cycles());
        listener.info("  snapshots: " + snapshots.size() + " of " + CanisterControl.MAX_SNAPSHOTS
                + (snapshots.isEmpty() ? "" : " (" + String.join(", ", snapshots.stream().map(SnapshotInfo::textId).toList()) + ")"));
        return status;
    }

    private SnapshotId existingSnapshot(String text) throws InputException, IcCallException {
        if (text == null || text.isBlank()) {
            throw new InputException(ParameterName.SNAPSHOT_ID, "is required (list the snapshots with mvn ic:snapshots)");
        }
        SnapshotId id;
        try {
            id = SnapshotId.fromText(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(ParameterName.SNAPSHOT_ID, CandidInput.oneLine(e.getMessage()));
        }
        List<SnapshotInfo> snapshots = session.client().listCanisterSnapshots(session.canister());
        if (snapshots.stream().noneMatch(s -> s.id().equals(id))) {
            throw new InputException(ParameterName.SNAPSHOT_ID, session.describeCanister() + " has no snapshot " + id
                    + " (it has: " + (snapshots.isEmpty() ? "none"
                    : String.join(", ", snapshots.stream().map(SnapshotInfo::textId).toList())) + ")");
        }
        return id;
    }

    /** After a failure: start again if needed, keeping the first failure as the one reported. */
    private void startAsFoundAfter(Exception failure, StepRunner steps, boolean wasRunning) {
        try {
            startAsFound(steps, wasRunning);
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private void startAsFound(StepRunner steps, boolean wasRunning) throws Exception {
        if (wasRunning) {
            steps.run("start", () -> {
                control.returnToRunState(true);
                return "running";
            });
        } else {
            steps.skip("start", "was not running; left stopped");
        }
    }
}
