package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.ParallelTransfers;
import io.github.icmaven.core.ic.SnapshotDataKind;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotMetadata;
import io.github.icmaven.ic.Principal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Downloads a canister snapshot into a {@link BackupDirectory}: metadata, then module and memories in
 * slices of {@link ManagementCanisterClient#MAX_SNAPSHOT_SLICE_BYTES} read in parallel and written straight
 * to their place in the file (memory use: one slice per thread, whatever the snapshot size), then the
 * chunk store, then the manifest. Interrupted downloads resume: run it again on the same directory and only
 * the parts missing from its {@link DownloadProgress} record are read.
 *
 * <p>The snapshot must exist for the whole download; the canister may run meanwhile (a snapshot does not
 * change). {@code client} must be safe to call from several threads ({@code IcCaller} is).
 */
public final class SnapshotDownloader {
    public static final int DEFAULT_PARALLELISM = 4;

    private final ManagementCanisterClient client;
    private final int parallelism;
    private final TransferListener listener;

    public SnapshotDownloader(ManagementCanisterClient client, int parallelism, TransferListener listener) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.client = client;
        this.parallelism = parallelism;
        this.listener = listener;
    }

    public SnapshotDownloader(ManagementCanisterClient client) {
        this(client, DEFAULT_PARALLELISM, TransferListener.NONE);
    }

    /**
     * Downloads {@code snapshotId} of {@code canister} into {@code directory} (created if missing; must be
     * empty or hold an unfinished download of the same snapshot).
     *
     * @return the snapshot's metadata
     * @throws BackupIntegrityException if the directory holds something else (another snapshot's unfinished
     *     download, a finished backup, unrelated files)
     */
    public SnapshotMetadata download(Principal canister, SnapshotId snapshotId, Path directory)
            throws IcCallException, IOException {
        Files.createDirectories(directory);
        BackupDirectory backup = new BackupDirectory(directory);
        try (DownloadProgress progress = DownloadProgress.open(directory, canister, snapshotId)) {
            SnapshotMetadata metadata;
            if (Files.exists(backup.metadataFile())) {
                metadata = backup.readMetadata(); // written atomically by the earlier run
            } else {
                metadata = client.readCanisterSnapshotMetadata(canister, snapshotId);
                BackupDirectory.writeAtomically(backup.metadataFile(),
                        SnapshotMetadataJson.write(metadata).getBytes(StandardCharsets.UTF_8));
            }
            Files.createDirectories(directory.resolve(BackupDirectory.CHUNK_STORE_DIRECTORY));

            List<ParallelTransfers.Transfer> transfers = new ArrayList<>();
            List<FileChannel> channels = new ArrayList<>();
            long total = 0;
            long done = 0;
            int parts = 0;
            int doneParts = 0;
            try {
                for (SnapshotDataKind kind : SnapshotDataKind.values()) {
                    long size = BackupDirectory.blobSize(metadata, kind);
                    total += size;
                    FileChannel channel = openSized(backup.blobFile(kind), size);
                    channels.add(channel);
                    String fileName = BackupDirectory.blobFileName(kind);
                    for (long offset = 0; offset < size; offset += ManagementCanisterClient.MAX_SNAPSHOT_SLICE_BYTES) {
                        long sliceOffset = offset;
                        int sliceSize = (int) Math.min(ManagementCanisterClient.MAX_SNAPSHOT_SLICE_BYTES, size - offset);
                        String key = DownloadProgress.sliceKey(fileName, sliceOffset);
                        parts++;
                        if (progress.isFinished(key)) {
                            done += sliceSize;
                            doneParts++;
                            continue;
                        }
                        transfers.add(() -> {
                            byte[] slice = client.readCanisterSnapshotData(canister, snapshotId, kind, sliceOffset, sliceSize);
                            if (slice.length != sliceSize) {
                                throw new IOException("the IC returned " + slice.length + " bytes of "
                                        + fileName + " at offset " + sliceOffset + ", asked for " + sliceSize);
                            }
                            writeFully(channel, slice, sliceOffset);
                            channel.force(false);
                            progress.markFinished(key);
                            listener.transferred(fileName, sliceOffset, sliceSize);
                        });
                    }
                }
                for (byte[] hash : metadata.wasmChunkStore()) {
                    String fileName = BackupDirectory.chunkFileName(hash);
                    String key = DownloadProgress.chunkKey(fileName);
                    Path file = backup.chunkFile(hash);
                    parts++;
                    if (progress.isFinished(key) && Files.exists(file)) {
                        doneParts++;
                        continue;
                    }
                    transfers.add(() -> {
                        byte[] chunk = client.readCanisterSnapshotChunk(canister, snapshotId, hash);
                        // A chunk is named by its hash: check it here, it costs nothing.
                        if (!MessageDigest.isEqual(hash, BackupDirectory.newSha256().digest(chunk))) {
                            throw new IOException("chunk " + HexFormat.of().formatHex(hash)
                                    + " as read from the IC does not hash to its id");
                        }
                        BackupDirectory.writeAtomically(file, chunk);
                        progress.markFinished(key);
                        listener.transferred(fileName, 0, chunk.length);
                    });
                }
                listener.planned(total, done, parts, doneParts);
                ParallelTransfers.runAll(transfers, parallelism, "snapshot-transfer");
            } finally {
                for (FileChannel channel : channels) {
                    channel.close();
                }
            }
            backup.writeManifest(metadata);
            progress.delete();
            return metadata;
        }
    }

    /** Opens (or creates) a blob file at its final size, so slices can land anywhere in it. */
    private static FileChannel openSized(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (raf.length() != size) {
                raf.setLength(size);
            }
        }
        return FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE);
    }

    private static void writeFully(FileChannel channel, byte[] data, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }
}
