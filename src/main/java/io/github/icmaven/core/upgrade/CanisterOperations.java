package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotInfo;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The manual goals (snapshot, restore, list, delete, status, download and upload of backups) on one canister.
 * Snapshot and restore stop a running canister and start it again afterwards, as the pipeline does; each step
 * is timed and reported to the listener. Failures: {@link InputException} for what the user must change (nothing happened),
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
        SnapshotId id = existingSnapshot(ParameterName.SNAPSHOT_ID, snapshotIdText);
        return loadAsFound(found, new StepRunner(listener), id);
    }

    /**
     * Downloads a snapshot into a backup directory (created if missing), or finishes an interrupted download
     * of it there. The canister keeps running.
     *
     * @param snapshotIdText null for the newest snapshot
     */
    public Path downloadSnapshot(String snapshotIdText, Path directory, int parallelSlices) throws Exception {
        control.statusAsController();
        Path target = SnapshotBackups.targetDirectory(directory);
        SnapshotBackups backups = new SnapshotBackups(session, listener, parallelSlices);
        SnapshotId id = snapshotIdText == null ? newestSnapshot() : existingSnapshot(ParameterName.SNAPSHOT_ID, snapshotIdText);
        new StepRunner(listener).run("download", () -> backups.download(id, target));
        listener.info("Snapshot " + id + " of " + session.describeCanister() + " is backed up in " + target);
        return target;
    }

    /**
     * Creates a snapshot from a backup directory, which is verified before anything is sent; it replaces
     * {@code replaceSnapshotIdText} when given. With {@code load}, the new snapshot is then loaded (the
     * canister stopped meanwhile and returned to its run state).
     */
    public SnapshotId uploadSnapshot(Path directory, String replaceSnapshotIdText, boolean load, int parallelSlices)
            throws Exception {
        CanisterStatus found = control.statusAsController();
        Path source = SnapshotBackups.existingDirectory(directory);
        SnapshotBackups backups = new SnapshotBackups(session, listener, parallelSlices);
        Optional<SnapshotId> replace = replaceSnapshotIdText == null ? Optional.empty()
                : Optional.of(existingSnapshot(ParameterName.REPLACE_SNAPSHOT_ID, replaceSnapshotIdText));
        if (replace.isEmpty()) {
            refuseAtSnapshotLimit();
        }
        StepRunner steps = new StepRunner(listener);
        SnapshotId[] created = new SnapshotId[1];
        steps.run("upload", () -> {
            SnapshotBackups.Uploaded uploaded = backups.upload(source, replace);
            created[0] = uploaded.id();
            return uploaded.summary();
        });
        listener.info("Snapshot " + created[0] + " of " + session.describeCanister() + " created from " + source);
        if (load) {
            loadAsFound(found, steps, created[0]);
        }
        return created[0];
    }

    /** Stops the canister if it runs, loads {@code id}, and starts it again if it was running. */
    private CanisterStatus loadAsFound(CanisterStatus found, StepRunner steps, SnapshotId id) throws Exception {
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
        SnapshotId id = existingSnapshot(ParameterName.SNAPSHOT_ID, snapshotIdText);
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

    private SnapshotId existingSnapshot(ParameterName parameter, String text) throws InputException, IcCallException {
        if (text == null || text.isBlank()) {
            throw new InputException(parameter, "is required (list the snapshots with mvn ic:snapshots)");
        }
        SnapshotId id;
        try {
            id = SnapshotId.fromText(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(parameter, CandidInput.oneLine(e.getMessage()));
        }
        List<SnapshotInfo> snapshots = session.client().listCanisterSnapshots(session.canister());
        if (snapshots.stream().noneMatch(s -> s.id().equals(id))) {
            throw new InputException(parameter, session.describeCanister() + " has no snapshot " + id
                    + " (it has: " + describe(snapshots) + ")");
        }
        return id;
    }

    private SnapshotId newestSnapshot() throws InputException, IcCallException {
        List<SnapshotInfo> snapshots = session.client().listCanisterSnapshots(session.canister());
        return snapshots.stream().max(Comparator.comparing(SnapshotInfo::takenAt).thenComparing(s -> s.id().toHex()))
                .map(SnapshotInfo::id)
                .orElseThrow(() -> new InputException(ParameterName.SNAPSHOT_ID, "is not set, and "
                        + session.describeCanister() + " has no snapshot to download: take one with mvn ic:snapshot"));
    }

    /** A new snapshot needs room: at the IC's limit, the user must name one to replace. */
    private void refuseAtSnapshotLimit() throws InputException, IcCallException {
        List<SnapshotInfo> snapshots = session.client().listCanisterSnapshots(session.canister());
        if (snapshots.size() >= CanisterControl.MAX_SNAPSHOTS) {
            throw new InputException(ParameterName.REPLACE_SNAPSHOT_ID, session.describeCanister() + " has "
                    + snapshots.size() + " of " + CanisterControl.MAX_SNAPSHOTS + " snapshots, the IC's limit: set it to"
                    + " the one to replace (" + describe(snapshots) + ") or delete one with mvn ic:delete-snapshot");
        }
    }

    private static String describe(List<SnapshotInfo> snapshots) {
        return snapshots.isEmpty() ? "none" : String.join(", ", snapshots.stream().map(SnapshotInfo::textId).toList());
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
