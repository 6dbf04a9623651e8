package io.github.icmaven.replica;

import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.NodeSigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The replica's root key and node key, both derived from one 32-byte seed: given, kept in the state
 * directory (so clients that remember the root key keep working after a restart), or random.
 */
record ReplicaKeys(BlsRootKey rootKey, NodeSigningKey nodeKey) {
    private static final String SEED_FILE = "root-key-seed.hex";

    static ReplicaKeys resolve(byte[] configuredSeed, Path stateDirectory) throws IOException {
        byte[] seed = configuredSeed;
        if (seed == null && stateDirectory != null) {
            Path file = stateDirectory.resolve(SEED_FILE);
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
            digest.update(domain.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return digest.digest(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
