package io.github.icmaven.core.ic.transport;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    @Test
    void backoffDoublesUpToItsCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));
        assertEquals(Duration.ofMillis(100), policy.backoffBefore(2));
        assertEquals(Duration.ofMillis(200), policy.backoffBefore(3));
        assertEquals(Duration.ofMillis(300), policy.backoffBefore(4));
        assertEquals(Duration.ofMillis(300), policy.backoffBefore(5));
    }

    @Test
    void attemptsAreBoundedAndTheWorstCaseCountsThemAll() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));
        assertTrue(policy.allowsAnotherAttempt(4));
        assertFalse(policy.allowsAnotherAttempt(5));
        assertEquals(Duration.ofMillis(5 * 1000 + 100 + 200 + 300 + 300), policy.worstCase(Duration.ofSeconds(1)));
        assertFalse(RetryPolicy.NONE.allowsAnotherAttempt(1));
        assertEquals(Duration.ofSeconds(1), RetryPolicy.NONE.worstCase(Duration.ofSeconds(1)));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
