package io.github.icmaven.core.upgrade;

/** Progress of a run as it happens: the Maven log, or a test's recorder. Implementations must not throw. */
public interface UpgradeListener {
    /** A do-nothing listener. */
    UpgradeListener SILENT = new UpgradeListener() {};

    default void stepStarted(String step) {}

    default void stepFinished(StepRecord step) {}

    default void info(String line) {}

    default void warn(String line) {}
}
