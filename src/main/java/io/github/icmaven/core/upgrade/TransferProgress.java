package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.backup.TransferListener;

import java.util.Locale;

/**
 * A snapshot download's or upload's progress as plain log lines: one per tenth of a long transfer (no
 * carriage returns, so batch logs stay readable), and a one-line summary with the throughput.
 */
final class TransferProgress implements TransferListener {
    private static final double MIB = 1024 * 1024;
    /** Shorter transfers finish in seconds: progress lines would only be noise. */
    private static final long PROGRESS_LINES_FROM_BYTES = 32L * 1024 * 1024;

    private final String verb;
    private final UpgradeListener listener;
    private final long startNanos = System.nanoTime();
    private long totalBytes;
    private long keptBytes;
    private int parts;
    private int keptParts;
    private long movedBytes;
    private int movedParts;
    private long lastTenth;

    /** @param verb what a transfer does with a part, "read" or "sent" */
    TransferProgress(String verb, UpgradeListener listener) {
        this.verb = verb;
        this.listener = listener;
    }

    @Override
    public synchronized void planned(long totalBytes, long alreadyDoneBytes, int parts, int alreadyDoneParts) {
        this.totalBytes = totalBytes;
        this.keptBytes = alreadyDoneBytes;
        this.parts = parts;
        this.keptParts = alreadyDoneParts;
        this.lastTenth = totalBytes == 0 ? 0 : alreadyDoneBytes * 10 / totalBytes;
    }

    @Override
    public synchronized void transferred(String file, long offset, long bytes) {
        movedBytes += bytes;
        movedParts++;
        if (totalBytes < PROGRESS_LINES_FROM_BYTES) {
            return;
        }
        // Chunks are not in totalBytes: cap below 100 %, the step's own line reports the end.
        long tenth = Math.min(9, (keptBytes + movedBytes) * 10 / totalBytes);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            listener.info(String.format(Locale.ROOT, "  %d%%: %s of %s", tenth * 10, mib(keptBytes + movedBytes),
                    mib(totalBytes)));
        }
    }

    /** What moved and how fast; for a resumed download, also what was already on disk. */
    synchronized String summary() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        String moved = String.format(Locale.ROOT, "%s %d of %d parts, %s in %.1f s (%.1f MiB/s)", verb, movedParts,
                parts, mib(movedBytes), seconds, movedBytes / MIB / seconds);
        if (keptParts == 0) {
            return moved;
        }
        return moved + "; " + keptParts + " parts (" + mib(keptBytes) + ") were already on disk from an interrupted download";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }
}
