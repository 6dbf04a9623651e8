package io.github.icmaven.maven;

import io.github.icmaven.replica.EmbeddedReplica;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The replicas {@code ic:replica-start} started for one project, so that that project's {@code ic:replica-stop}
 * finds them and only them. They live in the plugin context, which Maven keeps per plugin and project: in a
 * parallel build ({@code -T}, mvnd) one module's replica-stop leaves the other modules' replicas running.
 * Replicas still running when the JVM exits (no replica-stop bound after them, or a failed build) are
 * stopped, and their state saved, by a shutdown hook.
 */
final class RunningReplicas {
    private static final String CONTEXT_KEY = RunningReplicas.class.getName();

    private final List<EmbeddedReplica> running = new ArrayList<>();
    private Thread shutdownHook;

    private RunningReplicas() {}

    /** The replicas of the project that {@code pluginContext} (a mojo's {@code getPluginContext()}) belongs to. */
    @SuppressWarnings("unchecked")
    static RunningReplicas in(@SuppressWarnings("rawtypes") Map pluginContext) {
        synchronized (pluginContext) {
            return (RunningReplicas) pluginContext.computeIfAbsent(CONTEXT_KEY, key -> new RunningReplicas());
        }
    }

    synchronized void register(EmbeddedReplica replica) {
        running.add(replica);
        if (shutdownHook == null) {
            shutdownHook = new Thread(() -> stopAll(message -> System.err.println("[ic] " + message)),
                    "ic-replica-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Stops this project's replicas; returns how many were stopped. */
    synchronized int stopAll(Consumer<String> warnings) {
        int count = running.size();
        for (EmbeddedReplica replica : running) {
            try {
                replica.close();
            } catch (IOException e) {
                warnings.accept("Could not save the state of the replica at " + replica.url() + ": " + e.getMessage());
            }
        }
        running.clear();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook); // a long-lived JVM (mvnd) keeps no stale hook
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it finds nothing left to stop
            }
            shutdownHook = null;
        }
        return count;
    }
}
