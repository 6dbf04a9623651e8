package io.github.icmaven.core.ic.transport;

import java.time.Duration;

/**
 * How often, and how patiently, a request is tried when it fails in a way that says nothing about the call:
 * a network failure or an HTTP 429/5xx. Backoff doubles from {@code firstBackoff} up to {@code maxBackoff}.
 *
 * @param maxAttempts attempts in all, the first included (1 = no retry)
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    /** Four attempts within about 0.7 s of backoff: rides out a dropped connection or a briefly busy node. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, got " + maxAttempts);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= first <= max, got " + firstBackoff + ", " + maxBackoff);
        }
    }

    /** True if another attempt may follow {@code attemptsMade} failed ones. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The pause before attempt {@code attempt} (2 for the first retry). */
    public Duration backoffBefore(int attempt) {
        Duration backoff = firstBackoff;
        for (int i = 2; i < attempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /** The longest all attempts can take when each may take up to {@code perAttempt}. */
    public Duration worstCase(Duration perAttempt) {
        Duration total = perAttempt.multipliedBy(maxAttempts);
        for (int attempt = 2; attempt <= maxAttempts; attempt++) {
            total = total.plus(backoffBefore(attempt));
        }
        return total;
    }
}
