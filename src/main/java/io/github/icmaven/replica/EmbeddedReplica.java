package io.github.icmaven.replica;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A single-subnet Internet Computer running in this JVM and speaking the real HTTP interface.
 * Start with {@link #start(Config)}, stop with {@link #close()}.
 */
public final class EmbeddedReplica implements AutoCloseable {

    /**
     * @param host address to listen on
     * @param port TCP port, 0 for a free one
     * @param stateDirectory where state survives restarts, or null to keep it in memory only
     * @param rootKeySeed 32-byte seed of the root key, or null for a new random key
     */
    public record Config(String host, int port, Path stateDirectory, byte[] rootKeySeed) {
        public static Config ephemeral() {
            return new Config("127.0.0.1", 0, null, null);
        }
    }

    private EmbeddedReplica() {}

    public static EmbeddedReplica start(Config config) throws IOException {
        throw new UnsupportedOperationException("wired up once the replica packages land");
    }

    public URI url() {
        throw new UnsupportedOperationException();
    }

    /** The first hex digits of the root key, enough to tell keys apart in a log line. */
    public String rootKeyHexPrefix() {
        throw new UnsupportedOperationException();
    }

    /** Stops serving and, with a state directory, saves the state. */
    @Override
    public void close() throws IOException {}
}
