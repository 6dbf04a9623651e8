package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.ic.Principal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The record of finished parts of a download ({@code .ic-backup-progress}), so that a re-run after an
 * interruption reads only what is missing. One line per finished slice or chunk, appended and forced to
 * disk only after the data itself is on disk; the first line names the snapshot, so a directory is never
 * resumed with another snapshot. A torn last line (crash mid-append) is ignored: that part is fetched again.
 */
final class DownloadProgress implements AutoCloseable {
    static final String FILE_NAME = ".ic-backup-progress";

    private final Path file;
    private final Set<String> finished;
    private final FileChannel channel;

    private DownloadProgress(Path file, Set<String> finished, FileChannel channel) {
        this.file = file;
        this.finished = finished;
        this.channel = channel;
    }

    /**
     * Opens the record in {@code directory}, creating it for a new download.
     *
     * @throws BackupIntegrityException if the directory holds another download, a finished backup, or
     *     files that no download of ours started
     */
    static DownloadProgress open(Path directory, Principal canister, SnapshotId snapshotId) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        String header = "snapshot " + canister.toText() + " " + snapshotId.toHex();
        Set<String> finished = new HashSet<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(header)) {
                throw new BackupIntegrityException(directory + " holds an unfinished download of another snapshot ("
                        + (lines.isEmpty() ? "unknown" : lines.get(0)) + "); choose another directory or delete it");
            }
            // Only complete lines count: the last may be torn if the process died while appending.
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.lastIndexOf('\n');
            for (String line : content.substring(0, Math.max(end, 0)).split("\n")) {
                finished.add(line);
            }
        } else {
            if (Files.exists(directory.resolve(BackupDirectory.MANIFEST_FILE))) {
                throw new BackupIntegrityException(directory + " already holds a finished backup; choose an empty directory");
            }
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new BackupIntegrityException(directory + " is not empty and holds no unfinished download to resume");
                }
            }
            Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new DownloadProgress(file, finished, channel);
    }

    static String sliceKey(String fileName, long offset) {
        return "slice " + fileName + " " + offset;
    }

    static String chunkKey(String fileName) {
        return "chunk " + fileName;
    }

    synchronized boolean isFinished(String key) {
        return finished.contains(key);
    }

    /** Call only once the part's bytes are forced to disk. */
    synchronized void markFinished(String key) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
        finished.add(key);
    }

    /** The download is complete (the manifest is written): the record is no longer needed. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
