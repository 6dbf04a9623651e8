package io.github.icmaven.core.ic.transport;

/** Hears about every retry, so that the user's log can say that a request was repeated and why. */
@FunctionalInterface
public interface RetryListener {
    RetryListener NONE = message -> { };

    /** @param message one line: what is tried again, which attempt, and the failure that caused it */
    void retrying(String message);
}
