package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.backup.BackupIntegrityException;
import io.github.icmaven.core.backup.SnapshotDownloader;
import io.github.icmaven.core.backup.SnapshotUploader;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.SnapshotId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Off-chain backups of the session's canister, for ic:download-snapshot, ic:upload-snapshot and the
 * upgrade's backup step: a snapshot downloaded into a directory (icp-cli's layout plus a SHA-256 manifest,
 * resumable), and such a directory uploaded as a new snapshot. A directory that cannot be used (corrupted,
 * unfinished, holding something else) is an {@link InputException} naming {@code backupDirectory}, raised
 * before anything is sent to the IC.
 */
final class SnapshotBackups {
    /** A snapshot created from a backup, and the step line saying how. */
    record Uploaded(SnapshotId id, String summary) {}

    private final IcSession session;
    private final UpgradeListener listener;
    private final int parallelSlices;

    SnapshotBackups(IcSession session, UpgradeListener listener, int parallelSlices) throws InputException {
        if (parallelSlices < 1) {
            throw new InputException(ParameterName.PARALLEL_SLICES, "must be at least 1, got " + parallelSlices);
        }
        this.session = session;
        this.listener = listener;
        this.parallelSlices = parallelSlices;
    }

    /** A directory to download into: it may not exist yet, but must not be a file. */
    static Path targetDirectory(Path directory) throws InputException {
        Path target = required(directory);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InputException(ParameterName.BACKUP_DIRECTORY, target + " is a file, not a directory");
        }
        return target;
    }

    /** A directory to upload from: it must exist. */
    static Path existingDirectory(Path directory) throws InputException {
        Path source = required(directory);
        if (!Files.isDirectory(source)) {
            throw new InputException(ParameterName.BACKUP_DIRECTORY, source + " is not a directory");
        }
        return source;
    }

    private static Path required(Path directory) throws InputException {
        if (directory == null) {
            throw new InputException(ParameterName.BACKUP_DIRECTORY, "is required: the directory of the backup");
        }
        return directory.toAbsolutePath().normalize();
    }

    /** Downloads {@code snapshot}, or finishes an interrupted download of it; returns the step line. */
    String download(SnapshotId snapshot, Path directory) throws InputException, IcCallException, IOException {
        TransferProgress progress = new TransferProgress("read", listener);
        try {
            new SnapshotDownloader(session.client(), parallelSlices, progress).download(session.canister(), snapshot, directory);
        } catch (BackupIntegrityException e) {
            throw directoryProblem(e);
        }
        return "downloaded " + snapshot + " to " + directory + ": " + progress.summary();
    }

    /** Verifies the backup in {@code directory}, then uploads it as a new snapshot (replacing {@code replace}). */
    Uploaded upload(Path directory, Optional<SnapshotId> replace) throws InputException, IcCallException, IOException {
        TransferProgress progress = new TransferProgress("sent", listener);
        SnapshotId created;
        try {
            created = new SnapshotUploader(session.client(), parallelSlices, progress)
                    .upload(session.canister(), directory, replace, false);
        } catch (BackupIntegrityException e) {
            throw directoryProblem(e);
        }
        return new Uploaded(created, "uploaded " + directory + " as " + created
                + replace.map(r -> ", replacing " + r).orElse("") + ": " + progress.summary());
    }

    private static InputException directoryProblem(BackupIntegrityException e) {
        return new InputException(ParameterName.BACKUP_DIRECTORY, CandidInput.oneLine(e.getMessage()));
    }
}
