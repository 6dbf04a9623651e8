package io.github.icmaven.core.upgrade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one phase of a group upgrade (preflight, stop and snapshot, install, ...) for several canisters on up to
 * {@code parallelism} threads: the canisters mostly wait for consensus rounds, so waiting together costs about one
 * canister's time. With a parallelism of 1, or one canister, everything runs on the calling thread in list order.
 * A phase ends when all its work has ended, so the next phase sees everything this one did.
 */
final class PhaseRunner {
    /** A step of one canister. */
    interface Action {
        void run(CanisterUpgrade canister) throws Exception;
    }

    private final int parallelism;

    PhaseRunner(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be 1 or more, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /**
     * Runs {@code action} for the canisters; after the first failure no further canister starts (those already
     * running finish).
     *
     * @return the canisters whose action failed, with their exceptions, in list order; empty when all succeeded
     */
    Map<CanisterUpgrade, Exception> runUntilFailure(List<CanisterUpgrade> canisters, Action action) {
        Map<CanisterUpgrade, Exception> failures = new LinkedHashMap<>();
        AtomicBoolean failed = new AtomicBoolean();
        List<Exception> outcomes = runAll(canisters, canister -> {
            if (failed.get()) {
                return null;
            }
            try {
                action.run(canister);
                return null;
            } catch (Exception e) {
                failed.set(true);
                return e;
            }
        });
        for (int i = 0; i < canisters.size(); i++) {
            if (outcomes.get(i) != null) {
                failures.put(canisters.get(i), outcomes.get(i));
            }
        }
        return failures;
    }

    /** Runs {@code work} for every canister (it must not throw); the results in list order. */
    <T> List<T> runAll(List<CanisterUpgrade> canisters, Function<CanisterUpgrade, T> work) {
        List<T> results = new ArrayList<>();
        int threads = Math.min(parallelism, canisters.size());
        if (threads <= 1) {
            canisters.forEach(c -> results.add(work.apply(c)));
            return results;
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ic-upgrade-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            canisters.forEach(c -> futures.add(executor.submit(() -> work.apply(c))));
            for (Future<T> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            executor.shutdown();
        }
    }

    private static <T> T await(Future<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    // A phase always waits for its work: a canister left mid-step could not be put back.
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
