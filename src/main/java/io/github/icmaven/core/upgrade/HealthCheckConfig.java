package io.github.icmaven.core.upgrade;

import java.time.Duration;

/**
 * A call made after the upgrade whose reply must equal {@code expected}; transient failures are retried
 * until {@code timeout}, a different reply fails at once.
 *
 * @param arg Candid text, default {@code ()}
 * @param expected Candid text (e.g. {@code ("ok")}) or hex of a Candid message; null accepts any reply
 * @param query true for a query call, false for an update call
 */
public record HealthCheckConfig(String method, String arg, String expected, boolean query, Duration timeout) {
}
