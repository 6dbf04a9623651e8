package io.github.icmaven.core.upgrade;

/** A step that did not reach its goal for a reason the step itself detected (e.g. a wrong health reply). */
final class StepFailure extends Exception {
    StepFailure(String message) {
        super(message);
    }
}
