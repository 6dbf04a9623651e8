package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.backup.SnapshotDownloader;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.SnapshotId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The upgrade's off-chain backup ({@code backupDirectory}): preflight checks the directory; the backup step,
 * right after the snapshot step, downloads that snapshot into {@code <backupDirectory>/<snapshot id>}, a new
 * directory per upgrade. A failed backup stops the upgrade before anything is installed.
 */
final class PreUpgradeBackup {
    private final Path directory;

    private PreUpgradeBackup(Path directory) {
        this.directory = directory;
    }

    /**
     * Preflight: changes nothing on the canister, creates the directory (unless a dry run).
     *
     * @return null when no backup was asked for
     */
    static PreUpgradeBackup prepare(UpgradeConfig config) throws InputException {
        if (config.backupDirectory() == null) {
            return null;
        }
        if (config.skipSnapshot()) {
            throw new InputException(ParameterName.BACKUP_DIRECTORY, ParameterName.BACKUP_DIRECTORY
                    + " backs up the upgrade's snapshot, and " + ParameterName.SKIP_SNAPSHOT
                    + " takes none: unset one of them", true);
        }
        Path directory = SnapshotBackups.targetDirectory(config.backupDirectory());
        if (!config.dryRun()) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new InputException(ParameterName.BACKUP_DIRECTORY, "cannot create " + directory + ": "
                        + CandidInput.oneLine(e.toString()));
            }
            if (!Files.isWritable(directory)) {
                throw new InputException(ParameterName.BACKUP_DIRECTORY, directory + " is not writable");
            }
        }
        return new PreUpgradeBackup(directory);
    }

    /** For the dry run's plan. */
    String plan() {
        return "download the snapshot into " + directory.resolve("<snapshot id>");
    }

    /** The backup step: downloads {@code snapshot}, which the snapshot step has just taken. */
    String download(IcSession session, UpgradeListener listener, SnapshotId snapshot) throws Exception {
        Path target = directory.resolve(snapshot.toText());
        try {
            return new SnapshotBackups(session, listener, SnapshotDownloader.DEFAULT_PARALLELISM).download(snapshot, target);
        } catch (IcCallException | IOException e) {
            // The snapshot stays on the canister: the download can be finished by hand.
            throw new StepFailure("backup of " + snapshot + " to " + target + " failed: " + CandidInput.oneLine(e.getMessage())
                    + "; finish it with mvn ic:download-snapshot -Dic.snapshotId=" + snapshot + " -Dic.backupDirectory=" + target);
        }
    }
}
