package io.github.icmaven.maven;

import io.github.icmaven.replica.EmbeddedReplica;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replicas started by {@code ic:replica-start}, so that {@code ic:replica-stop} finds them: both goals
 * run in the same plugin class loader during one build. Replicas still running when the build's JVM
 * exits (no replica-stop bound after them, or a failed build) are stopped, and their state saved, by a
 * shutdown hook.
 */
final class RunningReplicas {
    private static final List<EmbeddedReplica> RUNNING = new ArrayList<>();
    private static boolean shutdownHookAdded;

    private RunningReplicas() {}

    static synchronized void register(EmbeddedReplica replica) {
        RUNNING.add(replica);
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> stopAll(message -> System.err.println("[ic] " + message)), "ic-replica-shutdown"));
            shutdownHookAdded = true;
        }
    }

    /** Stops every registered replica; returns how many were stopped. */
    static synchronized int stopAll(Consumer<String> warnings) {
        int count = RUNNING.size();
        for (EmbeddedReplica replica : RUNNING) {
            try {
                replica.close();
            } catch (IOException e) {
                warnings.accept("Could not save the state of the replica at " + replica.url() + ": " + e.getMessage());
            }
        }
        RUNNING.clear();
        return count;
    }
}
