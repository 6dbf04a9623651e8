package io.github.icmaven.core.upgrade;

/**
 * One finished step of a run, for the log line and the report.
 *
 * @param message what the step did or why it failed, one line
 */
public record StepRecord(String name, StepStatus status, long millis, String message) {
}
