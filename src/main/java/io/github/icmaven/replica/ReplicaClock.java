package io.github.icmaven.replica;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Wall-clock time in nanoseconds that never goes backwards, as IC time must not. */
final class ReplicaClock implements LongSupplier {
    private final AtomicLong last = new AtomicLong();

    @Override
    public long getAsLong() {
        long now = System.currentTimeMillis() * 1_000_000L;
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
