package io.github.icmaven.core.upgrade;

/** A listener told one thing at a time, so that canisters upgraded in parallel never mix their lines. */
final class SerializedListener implements UpgradeListener {
    private final UpgradeListener delegate;

    SerializedListener(UpgradeListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void stepStarted(String step) {
        delegate.stepStarted(step);
    }

    @Override
    public synchronized void stepFinished(StepRecord step) {
        delegate.stepFinished(step);
    }

    @Override
    public synchronized void info(String line) {
        delegate.info(line);
    }

    @Override
    public synchronized void warn(String line) {
        delegate.warn(line);
    }
}
