package io.github.icmaven.maven;

import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.Topology;
import java.io.IOException;
import java.net.BindException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/** Starts a replica and maps start-up failures to Maven errors that say what to change. */
final class ReplicaLauncher {
    private ReplicaLauncher() {}

    static EmbeddedReplica start(EmbeddedReplica.Config config, Log log) throws MojoExecutionException, MojoFailureException {
        long started = System.nanoTime();
        try {
            EmbeddedReplica replica = EmbeddedReplica.start(config);
            log.info(String.format("Replica listening on %s (root key %s...) [%d ms]",
                    replica.url(), replica.rootKeyHexPrefix(), (System.nanoTime() - started) / 1_000_000));
            if (!config.roundLatency().duration().isZero()) {
                log.info("Every update call is answered " + config.roundLatency().duration().toMillis()
                        + " ms after it arrives at the earliest (roundLatency)");
            }
            if (config.topology() == Topology.MAINNET) {
                log.info("Topology mainnet: canisters on application subnet " + replica.subnetId()
                        + ", certificates delegated by the root subnet");
            }
            if (config.stateDirectory() != null) {
                log.info("Replica state is kept in " + config.stateDirectory());
            }
            return replica;
        } catch (BindException e) {
            throw new MojoFailureException("Port " + config.port() + " on " + config.host()
                    + " is in use: stop what listens there or set <port> (ic.replica.port), 0 picks a free port");
        } catch (IOException e) {
            throw new MojoExecutionException("The replica could not start: " + e.getMessage(), e);
        }
    }
}
