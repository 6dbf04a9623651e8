package io.github.icmaven.replica.certification;

import io.github.icmaven.ic.DomainSeparator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.miracl.core.BLS12381.BLS;

/**
 * The replica's BLS12-381 root key: signs state roots in G1 (48-byte signatures) with the IC's
 * ciphersuite {@code BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_}; the public key lives in G2
 * (96 bytes). Uses miracl core as bundled by ic4j-agent, whose verifier clients use.
 */
public final class BlsRootKey {
    /** DER prefix of an IC BLS public key (RFC 5480 with the IC's algorithm and curve OIDs). */
    static final byte[] DER_PREFIX = HexFormat.of().parseHex(
            "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100");
    static final int PUBLIC_KEY_BYTES = 96;
    static final int SIGNATURE_BYTES = 48;
    private static final byte[] STATE_ROOT_DOMAIN = DomainSeparator.of("ic-state-root");

    static {
        if (BLS.init() != BLS.BLS_OK) {
            throw new IllegalStateException("miracl BLS12381 initialisation failed");
        }
    }

    private final byte[] secretKey;
    private final byte[] publicKey;

    private BlsRootKey(byte[] secretKey, byte[] publicKey) {
        this.secretKey = secretKey;
        this.publicKey = publicKey;
    }

    /** A key derived deterministically from a 32-byte seed (IETF KeyGen via miracl). */
    public static BlsRootKey fromSeed(byte[] seed) {
        if (seed.length < 32) {
            throw new IllegalArgumentException("A BLS key seed needs at least 32 bytes, got " + seed.length);
        }
        byte[] secret = new byte[BLS.BGS];
        byte[] pub = new byte[PUBLIC_KEY_BYTES];
        if (BLS.KeyPairGenerate(seed.clone(), secret, pub) != BLS.BLS_OK) {
            throw new IllegalStateException("BLS key generation failed");
        }
        return new BlsRootKey(secret, pub);
    }

    /** A fresh random key. */
    public static BlsRootKey random() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return fromSeed(seed);
    }

    /** The 96-byte compressed G2 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key as the IC publishes it (status endpoint {@code root_key}): DER prefix plus 96 bytes. */
    public byte[] publicKeyDer() {
        byte[] der = Arrays.copyOf(DER_PREFIX, DER_PREFIX.length + PUBLIC_KEY_BYTES);
        System.arraycopy(publicKey, 0, der, DER_PREFIX.length, PUBLIC_KEY_BYTES);
        return der;
    }

    /** Signs {@code message} as is (the caller adds any domain separator); 48-byte compressed G1. */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[SIGNATURE_BYTES];
        if (BLS.core_sign(signature, message, secretKey) != BLS.BLS_OK) {
            throw new IllegalStateException("BLS signing failed");
        }
        return signature;
    }

    /** Signs a state tree root hash the way certificates need: over {@code \x0Dic-state-root · rootHash}. */
    public byte[] signStateRoot(byte[] rootHash) {
        return sign(stateRootMessage(rootHash));
    }

    /** Checks a signature under a 96-byte public key, as clients (ic4j-agent) do. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return BLS.core_verify(signature, message, publicKey) == BLS.BLS_OK;
    }

    static byte[] stateRootMessage(byte[] rootHash) {
        byte[] message = Arrays.copyOf(STATE_ROOT_DOMAIN, STATE_ROOT_DOMAIN.length + rootHash.length);
        System.arraycopy(rootHash, 0, message, STATE_ROOT_DOMAIN.length, rootHash.length);
        return message;
    }
}
