package io.github.icmaven.core.backup;

/**
 * Progress of a {@link SnapshotDownloader} download or a {@link SnapshotUploader} upload, for a progress bar or a log. Implementations
 * must be thread-safe: {@link #transferred} is called from the worker threads, in no particular order.
 */
public interface TransferListener {
    TransferListener NONE = new TransferListener() {};

    /**
     * Once, before any data moves.
     *
     * @param totalBytes the module and memories of the snapshot (chunk sizes are known only once read)
     * @param alreadyDoneBytes what an interrupted earlier download already stored (0 for uploads)
     * @param parts slices and chunks of the whole snapshot
     * @param alreadyDoneParts those an interrupted earlier download already stored (0 for uploads)
     */
    default void planned(long totalBytes, long alreadyDoneBytes, int parts, int alreadyDoneParts) {}

    /**
     * A slice or a chunk is safely on disk (download) or on the IC (upload).
     *
     * @param file the backup file it belongs to, e.g. {@code stable_memory.bin}
     */
    default void transferred(String file, long offset, long bytes) {}
}
