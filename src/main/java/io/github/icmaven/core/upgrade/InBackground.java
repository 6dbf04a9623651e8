package io.github.icmaven.core.upgrade;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of work on its own thread while the caller does another, e.g. a call sent so that it lands in the same
 * consensus round as the caller's. {@link #join()} gives its result or throws its exception unchanged.
 */
final class InBackground<T> {
    private final FutureTask<T> task;

    private InBackground(FutureTask<T> task) {
        this.task = task;
    }

    static <T> InBackground<T> start(String threadName, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        return new InBackground<>(task);
    }

    T join() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
