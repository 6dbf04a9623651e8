package io.github.icmaven.replica;

import io.github.icmaven.replica.node.ReplicaNode;
import io.github.icmaven.replica.node.RoundLatency;
import io.github.icmaven.replica.node.SubnetTopology;
import io.github.icmaven.replica.execution.ChicoryExecutionEngine;
import io.github.icmaven.replica.execution.ExecutionEngine;
import io.github.icmaven.replica.node.MessageRouter;
import io.github.icmaven.replica.http.ReplicaEndpoints;
import io.github.icmaven.replica.http.ReplicaHttpServer;
import io.github.icmaven.replica.management.ManagementCanister;
import io.github.icmaven.replica.routing.SubnetRouter;
import io.github.icmaven.replica.state.ModuleDecoder;
import io.github.icmaven.replica.state.ReplicaState;
import io.github.icmaven.replica.state.ReplicaStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * An Internet Computer running in this JVM and speaking the real HTTP interface: one subnet, or a
 * mainnet-like root subnet plus application subnet ({@link Topology}). Start with {@link #start(Config)},
 * stop with {@link #close()}.
 */
public final class EmbeddedReplica implements AutoCloseable {
    /** dfx's and PocketIC's local networks hand out canister ids from the start of the range too. */
    private static final long FIRST_CANISTER_INDEX = 0;

    /**
     * @param host address to listen on
     * @param port TCP port, 0 for a free one
     * @param stateDirectory where state survives restarts, or null to keep it in memory only
     * @param rootKeySeed 32-byte seed of the root key, or null for a new random key (kept in the state directory)
     * @param roundLatency the simulated consensus round that each update call is answered after ({@link RoundLatency})
     * @param topology one subnet (default) or a mainnet-like root and application subnet
     */
    public record Config(String host, int port, Path stateDirectory, byte[] rootKeySeed, RoundLatency roundLatency,
                         Topology topology) {
        public Config(String host, int port, Path stateDirectory, byte[] rootKeySeed) {
            this(host, port, stateDirectory, rootKeySeed, RoundLatency.NONE, Topology.SINGLE);
        }

        public static Config ephemeral() {
            return new Config("127.0.0.1", 0, null, null);
        }

        public Config withRoundLatency(RoundLatency latency) {
            return new Config(host, port, stateDirectory, rootKeySeed, latency, topology);
        }

        public Config withTopology(Topology newTopology) {
            return new Config(host, port, stateDirectory, rootKeySeed, roundLatency, newTopology);
        }
    }

    /**
     * Wraps the parts a replica is built from before it serves: its message router and its HTTP endpoints. The
     * plugin uses {@link #NONE}; tests wrap them to inject faults (rejects, HTTP errors, dropped connections).
     */
    public interface Decorator {
        Decorator NONE = new Decorator() {};

        default MessageRouter router(MessageRouter router) {
            return router;
        }

        default ReplicaEndpoints endpoints(ReplicaEndpoints endpoints) {
            return endpoints;
        }
    }

    private final Config config;
    private final ReplicaState state;
    private final ReplicaStore store;
    private final ReplicaNode core;
    private final ReplicaHttpServer http;
    private final String rootKeyHex;

    private EmbeddedReplica(Config config, ReplicaState state, ReplicaStore store, ReplicaNode core,
                            ReplicaHttpServer http, String rootKeyHex) {
        this.config = config;
        this.state = state;
        this.store = store;
        this.core = core;
        this.http = http;
        this.rootKeyHex = rootKeyHex;
    }

    /**
     * Starts serving. With a state directory, the state saved there by the last {@link #close()} is
     * loaded first.
     *
     * @throws java.net.BindException when the port is taken
     */
    public static EmbeddedReplica start(Config config) throws IOException {
        return start(config, Decorator.NONE);
    }

    /** As {@link #start(Config)}, serving through {@code decorator}'s wrappers. */
    public static EmbeddedReplica start(Config config, Decorator decorator) throws IOException {
        ReplicaClock clock = new ReplicaClock();
        SubnetTopology topology = topology(config, clock);
        ExecutionEngine engine = new ChicoryExecutionEngine(topology.root().key().publicKeyDer());
        ModuleDecoder decoder = ModuleDecoder.standard();
        ReplicaStore store = new ReplicaStore(engine, decoder);
        ReplicaState state = loadState(config.stateDirectory(), store, clock);
        ManagementCanister management = new ManagementCanister(state, engine, decoder);
        ReplicaNode core = new ReplicaNode(decorator.router(new SubnetRouter(state, management)),
                topology, clock, config.roundLatency());
        ReplicaHttpServer http = ReplicaHttpServer.start(new InetSocketAddress(config.host(), config.port()),
                decorator.endpoints(core));
        return new EmbeddedReplica(config, state, store, core, http,
                HexFormat.of().formatHex(topology.root().key().publicKeyDer()));
    }

    private static SubnetTopology topology(Config config, ReplicaClock clock) throws IOException {
        ReplicaKeys root = ReplicaKeys.root(config.rootKeySeed(), config.stateDirectory());
        if (config.topology() == Topology.SINGLE) {
            return SubnetTopology.single(root.subnetKey(), root.nodeKey());
        }
        ReplicaKeys app = ReplicaKeys.applicationSubnet(config.rootKeySeed(), config.stateDirectory());
        return SubnetTopology.mainnet(root.subnetKey(), root.nodeKey(), app.subnetKey(), app.nodeKey(), clock.getAsLong());
    }

    private static ReplicaState loadState(Path directory, ReplicaStore store, ReplicaClock clock) throws IOException {
        if (directory == null || !store.hasSave(directory)) {
            return new ReplicaState(FIRST_CANISTER_INDEX, clock);
        }
        try {
            return store.load(directory, clock);
        } catch (IcReject e) {
            throw new IOException("The replica state in " + directory + " could not be restored: " + e.getMessage(), e);
        }
    }

    public URI url() {
        return http.url();
    }

    /**
     * The id of the subnet hosting the canisters: the only subnet (self-authenticating id of the root key),
     * or in the mainnet topology the application subnet (self-authenticating id of its own key).
     */
    public io.github.icmaven.ic.Principal subnetId() {
        return core.subnetId();
    }

    /** The DER-encoded root key certificates are signed with (what {@code /api/v2/status} reports). */
    public byte[] rootKeyDer() {
        return HexFormat.of().parseHex(rootKeyHex);
    }

    /** The root key (DER, hex) that certifies everything this replica answers: what a client pins. */
    public String rootKeyHex() {
        return rootKeyHex;
    }

    /** The first hex digits of the root key's 96 key bytes, enough to tell keys apart in a log line. */
    public String rootKeyHexPrefix() {
        return rootKeyHex.substring(rootKeyHex.length() - 96 * 2, rootKeyHex.length() - 96 * 2 + 16);
    }

    /** Stops serving and, with a state directory, saves the state. */
    @Override
    public void close() throws IOException {
        http.close();
        if (config.stateDirectory() != null) {
            store.save(state, config.stateDirectory());
        }
    }
}
