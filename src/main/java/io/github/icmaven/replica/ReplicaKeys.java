package io.github.icmaven.replica;

import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.NodeSigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One subnet's BLS key and its node's key, both derived from one 32-byte seed: given, kept in the state
 * directory (so clients that remember the root key, or a subnet's id, keep working after a restart), or random.
 */
record ReplicaKeys(BlsRootKey subnetKey, NodeSigningKey nodeKey) {
    private static final String ROOT_SEED_FILE = "root-key-seed.hex";
    private static final String APP_SUBNET_SEED_FILE = "app-subnet-key-seed.hex";

    /** The root subnet's keys: its BLS key is the root key. */
    static ReplicaKeys root(byte[] configuredSeed, Path stateDirectory) throws IOException {
        return resolve(configuredSeed, stateDirectory, ROOT_SEED_FILE);
    }

    /**
     * The application subnet's keys (mainnet topology): from a seed of their own, kept beside the root
     * key's, or derived from a configured root seed so that a given seed fixes every identity.
     */
    static ReplicaKeys applicationSubnet(byte[] configuredRootSeed, Path stateDirectory) throws IOException {
        byte[] seed = configuredRootSeed == null ? null : sha256("app-subnet-key", configuredRootSeed);
        return resolve(seed, stateDirectory, APP_SUBNET_SEED_FILE);
    }

    private static ReplicaKeys resolve(byte[] configuredSeed, Path stateDirectory, String seedFile) throws IOException {
        byte[] seed = configuredSeed;
        if (seed == null && stateDirectory != null) {
            Path file = stateDirectory.resolve(seedFile);
            if (Files.exists(file)) {
                seed = HexFormat.of().parseHex(Files.readString(file).trim());
            } else {
                seed = randomSeed();
                Files.createDirectories(stateDirectory);
                Files.writeString(file, HexFormat.of().formatHex(seed));
            }
        }
        if (seed == null) {
            seed = randomSeed();
        }
        return new ReplicaKeys(BlsRootKey.fromSeed(seed), NodeSigningKey.fromSeed(sha256("node-key", seed)));
    }

    private static byte[] randomSeed() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return seed;
    }

    private static byte[] sha256(String domain, byte[] seed) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(domain.getBytes(StandardCharsets.US_ASCII));
            return digest.digest(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
