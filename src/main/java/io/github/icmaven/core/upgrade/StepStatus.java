package io.github.icmaven.core.upgrade;

/** How a step of a run ended. */
public enum StepStatus {
    OK,
    FAILED,
    SKIPPED
}
