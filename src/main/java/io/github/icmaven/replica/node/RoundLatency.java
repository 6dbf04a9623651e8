package io.github.icmaven.replica.node;

import java.time.Duration;

/**
 * A simulated consensus round, to count how many rounds a client waits for one after another: every update
 * call is answered (its certificate, or its 202) no sooner than this after it arrives, as a call on the IC
 * waits for the block that executes it. The call is executed and certified within its round, as on the IC, so
 * the round hides the replica's own work. Calls that arrive together share a round. Queries, read_state and
 * status are answered at once, as one replica answers them; so are calls refused before consensus. Zero by
 * default: the replica's own speed.
 */
public record RoundLatency(Duration duration) {
    public static final RoundLatency NONE = new RoundLatency(Duration.ZERO);

    public RoundLatency {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("A round latency is zero or more, got " + duration);
        }
    }

    public static RoundLatency ofMillis(long millis) {
        return new RoundLatency(Duration.ofMillis(millis));
    }

    /** Waits for the end of the round of a call that arrived at {@code arrivalNanos} ({@link System#nanoTime()}). */
    void awaitRoundEnd(long arrivalNanos) {
        long remaining = arrivalNanos + duration.toNanos() - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        try {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        } catch (InterruptedException e) {
            // The replica is stopping: answer now rather than never.
            Thread.currentThread().interrupt();
        }
    }
}
