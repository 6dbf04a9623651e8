package io.github.icmaven.maven;

import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.Topology;
import io.github.icmaven.replica.node.RoundLatency;
import java.io.File;
import java.util.HexFormat;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Parameters shared by the goals that start the embedded replica. */
abstract class AbstractReplicaMojo extends AbstractMojo {

    /** Address the replica listens on. Default: loopback only. */
    @Parameter(property = "ic.replica.host", defaultValue = "127.0.0.1")
    String host;

    /**
     * TCP port of the replica. Default 4943, the port of dfx's and icp-cli's local network, so that
     * {@code ic.network=local} reaches it. {@code 0} picks a free port.
     */
    @Parameter(property = "ic.replica.port", defaultValue = "4943")
    int port;

    /**
     * Directory that keeps the replica's state (canisters, memories, snapshots) across restarts.
     * Default: none, the state lives in memory and is gone when the replica stops.
     */
    @Parameter(property = "ic.replica.stateDirectory")
    File stateDirectory;

    /**
     * 32-byte seed, as 64 hex digits, of the replica's root key, for a root key that stays the same
     * across starts. Default: a new random root key per start (clients fetch it from /api/v2/status).
     */
    @Parameter(property = "ic.replica.rootKeySeed")
    String rootKeySeed;

    /**
     * Milliseconds of a simulated consensus round: each update call is answered no sooner than this after it
     * arrives (its execution happens within the round; queries and read_state are answered at once), to see
     * how an upgrade behaves when every round costs time, as on the
     * IC. Default: 0, no wait.
     */
    @Parameter(property = "ic.replica.roundLatency", defaultValue = "0")
    long roundLatency;

    /**
     * {@code single}: one subnet that is the root subnet, certificates signed by the root key. {@code mainnet}:
     * as on mainnet, a root subnet whose key is the root key and an application subnet with its own key
     * hosting the canisters; every certificate carries a delegation from the root subnet naming the
     * application subnet's key and canister ranges, and queries are signed by the application subnet's node.
     * Default: {@code single}.
     */
    @Parameter(property = "ic.replica.topology", defaultValue = "single")
    String topology;

    /** Skips the goal. Default: false. */
    @Parameter(property = "ic.skip", defaultValue = "false")
    boolean skip;

    EmbeddedReplica.Config replicaConfig() throws MojoFailureException {
        byte[] seed = null;
        if (rootKeySeed != null && !rootKeySeed.isBlank()) {
            try {
                seed = HexFormat.of().parseHex(rootKeySeed.trim());
            } catch (IllegalArgumentException e) {
                seed = new byte[0];
            }
            if (seed.length != 32) {
                throw new MojoFailureException(
                        "<rootKeySeed> (ic.replica.rootKeySeed) must be 64 hex digits (32 bytes), got '" + rootKeySeed + "'");
            }
        }
        if (port < 0 || port > 65535) {
            throw new MojoFailureException("<port> (ic.replica.port) must be between 0 and 65535, got " + port);
        }
        if (roundLatency < 0) {
            throw new MojoFailureException("<roundLatency> (ic.replica.roundLatency) is milliseconds, 0 or more, got "
                    + roundLatency);
        }
        Topology subnets;
        try {
            subnets = Topology.parse(topology);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<topology> (ic.replica.topology) must be 'single' or 'mainnet', got '"
                    + topology + "'");
        }
        return new EmbeddedReplica.Config(host, port, stateDirectory == null ? null : stateDirectory.toPath(), seed,
                RoundLatency.ofMillis(roundLatency), subnets);
    }
}
