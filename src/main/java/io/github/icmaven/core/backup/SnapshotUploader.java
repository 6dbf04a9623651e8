package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.ParallelTransfers;
import io.github.icmaven.core.ic.SnapshotDataKind;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotMetadata;
import io.github.icmaven.ic.Principal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates a canister snapshot from a {@link BackupDirectory} (ours or icp-cli's): verifies the whole
 * directory first ({@link BackupDirectory#verify()}; nothing is sent if a file is corrupted), then uploads
 * the metadata, the module and memories in parallel slices read straight from the files, the chunk store,
 * and optionally loads the new snapshot.
 *
 * <p>The caller's part: the canister must exist and the sender be its controller; it must have room for
 * one more snapshot (or pass {@code replace}); to load, the canister must be stopped before
 * {@link #upload} and started afterwards (as the upgrade pipeline does around {@code install_code}).
 * A failed upload deletes the partial snapshot it created (with {@code replace}, the replaced one is
 * already gone by then: the IC drops it when the new metadata arrives).
 */
public final class SnapshotUploader {
    private final ManagementCanisterClient client;
    private final int parallelism;
    private final TransferListener listener;

    public SnapshotUploader(ManagementCanisterClient client, int parallelism, TransferListener listener) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.client = client;
        this.parallelism = parallelism;
        this.listener = listener;
    }

    public SnapshotUploader(ManagementCanisterClient client) {
        this(client, SnapshotDownloader.DEFAULT_PARALLELISM, TransferListener.NONE);
    }

    /**
     * @param replace an existing snapshot the new one replaces
     * @param load load the new snapshot into the canister once uploaded (the canister must be stopped)
     * @return the id of the new snapshot
     * @throws BackupIntegrityException before any call, if the directory is incomplete or corrupted
     */
    public SnapshotId upload(Principal canister, Path directory, Optional<SnapshotId> replace, boolean load)
            throws IcCallException, IOException {
        BackupDirectory backup = new BackupDirectory(directory);
        SnapshotMetadata metadata = backup.verify();

        SnapshotId snapshotId = client.uploadCanisterSnapshotMetadata(canister, replace, metadata);
        try {
            uploadData(canister, backup, metadata, snapshotId);
        } catch (IcCallException | IOException | RuntimeException e) {
            deletePartial(canister, snapshotId, e);
            throw e;
        }
        if (load) {
            client.loadCanisterSnapshot(canister, snapshotId);
        }
        return snapshotId;
    }

    /** A snapshot with missing data must not stay around looking like a backup. */
    private void deletePartial(Principal canister, SnapshotId snapshotId, Exception failure) {
        try {
            client.deleteCanisterSnapshot(canister, snapshotId);
        } catch (IcCallException e) {
            failure.addSuppressed(e);
        }
    }

    private void uploadData(Principal canister, BackupDirectory backup, SnapshotMetadata metadata, SnapshotId snapshotId)
            throws IcCallException, IOException {
        long total = 0;
        List<ParallelTransfers.Transfer> transfers = new ArrayList<>();
        List<FileChannel> channels = new ArrayList<>();
        try {
            for (SnapshotDataKind kind : SnapshotDataKind.values()) {
                long size = BackupDirectory.blobSize(metadata, kind);
                if (size == 0) {
                    continue;
                }
                total += size;
                FileChannel channel = FileChannel.open(backup.blobFile(kind), StandardOpenOption.READ);
                channels.add(channel);
                String fileName = BackupDirectory.blobFileName(kind);
                for (long offset = 0; offset < size; offset += ManagementCanisterClient.MAX_SNAPSHOT_SLICE_BYTES) {
                    long sliceOffset = offset;
                    int sliceSize = (int) Math.min(ManagementCanisterClient.MAX_SNAPSHOT_SLICE_BYTES, size - offset);
                    transfers.add(() -> {
                        byte[] slice = readFully(channel, sliceOffset, sliceSize);
                        client.uploadCanisterSnapshotData(canister, snapshotId, kind, sliceOffset, slice);
                        listener.transferred(fileName, sliceOffset, sliceSize);
                    });
                }
            }
            for (byte[] hash : metadata.wasmChunkStore()) {
                Path file = backup.chunkFile(hash);
                transfers.add(() -> {
                    byte[] chunk = Files.readAllBytes(file);
                    client.uploadCanisterSnapshotChunk(canister, snapshotId, chunk);
                    listener.transferred(BackupDirectory.chunkFileName(hash), 0, chunk.length);
                });
            }
            listener.planned(total, 0, transfers.size(), 0);
            ParallelTransfers.runAll(transfers, parallelism, "snapshot-transfer");
        } finally {
            for (FileChannel channel : channels) {
                channel.close();
            }
        }
    }

    private static byte[] readFully(FileChannel channel, long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new EOFException("the backup file ended before offset " + (position + size));
            }
        }
        return buffer.array();
    }
}
