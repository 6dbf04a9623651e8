package io.github.icmaven.core.upgrade;

import java.util.ArrayList;
import java.util.List;

/** Runs named steps, times them, tells the listener and keeps the records for the report. */
final class StepRunner {
    /** A step's work; returns a one-line summary of what it did. */
    interface Step {
        String run() throws Exception;
    }

    /** Told before a step starts and after it ends, e.g. to keep the crash journal current. */
    interface StepObserver {
        StepObserver NONE = new StepObserver() {};

        default void before(String step) throws Exception {}

        default void after(String step) throws Exception {}
    }

    private final UpgradeListener listener;
    private final String messagePrefix;
    private final StepObserver observer;
    private final List<StepRecord> records = new ArrayList<>();

    StepRunner(UpgradeListener listener) {
        this(listener, "", StepObserver.NONE);
    }

    /** @param messagePrefix put before each step's message, e.g. the canister's name in a group upgrade */
    StepRunner(UpgradeListener listener, String messagePrefix, StepObserver observer) {
        this.listener = listener;
        this.messagePrefix = messagePrefix;
        this.observer = observer;
    }

    /** Runs a step; on failure records it as FAILED and rethrows the step's exception unchanged. */
    void run(String name, Step step) throws Exception {
        long start = System.nanoTime();
        String summary;
        try {
            observer.before(name);
            listener.stepStarted(name);
            summary = step.run();
            observer.after(name);
        } catch (Exception e) {
            finish(name, StepStatus.FAILED, start, CandidInput.oneLine(e.getMessage()));
            throw e;
        }
        finish(name, StepStatus.OK, start, summary);
    }

    void skip(String name, String why) {
        finish(name, StepStatus.SKIPPED, System.nanoTime(), why);
    }

    List<StepRecord> records() {
        return List.copyOf(records);
    }

    private void finish(String name, StepStatus status, long startNanos, String message) {
        StepRecord record = new StepRecord(name, status, (System.nanoTime() - startNanos) / 1_000_000,
                message == null ? null : messagePrefix + message);
        records.add(record);
        listener.stepFinished(record);
    }
}
