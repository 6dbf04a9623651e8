package io.github.icmaven.core.ic;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs transfers (one slice or chunk each) on at most {@code parallelism} threads, so at most that many
 * slices are in memory at once. After the first failure no further transfer starts; those already running
 * finish (their work is kept), then the first failure is thrown. Snapshot downloads and uploads and chunked
 * installs share it.
 */
public final class ParallelTransfers {
    public interface Transfer {
        void run() throws IcCallException, IOException;
    }

    private ParallelTransfers() {}

    /** @param threadName names the threads, numbered */
    public static void runAll(List<Transfer> transfers, int parallelism, String threadName)
            throws IcCallException, IOException {
        if (transfers.isEmpty()) {
            return;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(parallelism, transfers.size()), r -> {
            Thread t = new Thread(r, threadName + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Transfer transfer : transfers) {
                futures.add(executor.submit(() -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        transfer.run();
                    } catch (IcCallException | IOException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<Void> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    }
                }
            }
            if (first instanceof IcCallException ic) {
                throw ic;
            }
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first != null) {
                throw new IllegalStateException(first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.set(true);
            throw new InterruptedIOException("interrupted while " + threadName + " was running");
        } finally {
            executor.shutdownNow();
        }
    }
}
