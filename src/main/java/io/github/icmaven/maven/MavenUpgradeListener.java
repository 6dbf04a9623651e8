package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.StepRecord;
import io.github.icmaven.core.upgrade.UpgradeListener;
import org.apache.maven.plugin.logging.Log;

/** Progress as plain Maven log lines: one per step with its duration, no carriage returns. */
final class MavenUpgradeListener implements UpgradeListener {
    private final Log log;

    MavenUpgradeListener(Log log) {
        this.log = log;
    }

    @Override
    public void stepFinished(StepRecord step) {
        String line = String.format("%-12s %-7s %6d ms  %s", step.name(), step.status().name().toLowerCase(java.util.Locale.ROOT),
                step.millis(), step.message() == null ? "" : step.message());
        log.info(line.stripTrailing());
    }

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }
}
