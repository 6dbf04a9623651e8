package io.github.icmaven.core.upgrade;

import java.util.ArrayList;
import java.util.List;

/** Runs named steps, times them, tells the listener and keeps the records for the report. */
final class StepRunner {
    /** A step's work; returns a one-line summary of what it did. */
    interface Step {
        String run() throws Exception;
    }

    private final UpgradeListener listener;
    private final List<StepRecord> records = new ArrayList<>();

    StepRunner(UpgradeListener listener) {
        this.listener = listener;
    }

    /** Runs a step; on failure records it as FAILED and rethrows the step's exception unchanged. */
    void run(String name, Step step) throws Exception {
        listener.stepStarted(name);
        long start = System.nanoTime();
        String summary;
        try {
            summary = step.run();
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
        StepRecord record = new StepRecord(name, status, (System.nanoTime() - startNanos) / 1_000_000, message);
        records.add(record);
        listener.stepFinished(record);
    }
}
