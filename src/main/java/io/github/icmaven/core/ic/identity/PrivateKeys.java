package io.github.icmaven.core.ic.identity;

import io.github.icmaven.core.ic.identity.DerReader.MalformedDerException;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * Turns DER private keys into key pairs ic4j can sign with. Ed25519 keys are rebuilt from their 32-byte seed
 * with the JDK alone (ic4j throws NullPointerException on PKCS#8 v1 files without a public key, and loading
 * BouncyCastle would cost a fresh JVM about 150 ms); elliptic-curve keys go to {@link Secp256k1Keys}.
 */
final class PrivateKeys {
    /** A decoded key pair and its scheme. */
    record Decoded(KeyPair keyPair, KeyType type) {}

    private static final String ID_ED25519 = "1.3.101.112";
    private static final String ID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    private static final int ED25519_SEED_BYTES = 32;

    private PrivateKeys() {}

    /** A PKCS#8 PrivateKeyInfo (v1 or v2). */
    static Decoded fromPkcs8(byte[] der, String source) throws IdentityException {
        Pkcs8PrivateKeyInfo info;
        try {
            info = Pkcs8PrivateKeyInfo.parse(der);
        } catch (MalformedDerException e) {
            throw new IdentityException(source + ": the PRIVATE KEY block is not a valid PKCS#8 structure");
        }
        try {
            return switch (info.algorithm()) {
                case ID_ED25519 -> ed25519(info, source);
                case ID_EC_PUBLIC_KEY -> Secp256k1Keys.fromPkcs8(info.privateKey(), info.algorithmParameters(), source);
                default -> throw new IdentityException(source + ": unsupported key algorithm " + info.algorithm()
                        + " (supported: Ed25519, secp256k1)");
            };
        } finally {
            Arrays.fill(info.privateKey(), (byte) 0);
        }
    }

    private static Decoded ed25519(Pkcs8PrivateKeyInfo info, String source) throws IdentityException {
        byte[] privateKeyBytes;
        try {
            // RFC 8410: the privateKey holds a CurvePrivateKey, itself an OCTET STRING.
            DerReader curvePrivateKey = DerReader.of(info.privateKey());
            privateKeyBytes = curvePrivateKey.next(DerReader.OCTET_STRING).contents();
            curvePrivateKey.expectEnd();
        } catch (MalformedDerException e) {
            throw new IdentityException(source + ": the private key is malformed (" + e.getMessage() + ")");
        }
        try {
            return ed25519(privateKeyBytes, info.publicKey(), source);
        } finally {
            Arrays.fill(privateKeyBytes, (byte) 0);
        }
    }

    private static Decoded ed25519(byte[] privateKeyBytes, byte[] declaredPublicKey, String source) throws IdentityException {
        // Some old tools store seed ++ public key (64 bytes).
        if (privateKeyBytes.length != ED25519_SEED_BYTES && privateKeyBytes.length != 2 * ED25519_SEED_BYTES) {
            throw new IdentityException(source + ": an Ed25519 private key must be 32 bytes, found " + privateKeyBytes.length);
        }
        byte[] seed = Arrays.copyOf(privateKeyBytes, ED25519_SEED_BYTES);
        try {
            KeyPair pair = ed25519KeyPair(seed, source);
            byte[] spki = pair.getPublic().getEncoded();
            byte[] publicKey = Arrays.copyOfRange(spki, spki.length - ED25519_SEED_BYTES, spki.length);
            byte[] declared = declaredPublicKey != null ? declaredPublicKey
                    : privateKeyBytes.length == 2 * ED25519_SEED_BYTES
                            ? Arrays.copyOfRange(privateKeyBytes, ED25519_SEED_BYTES, privateKeyBytes.length) : null;
            if (declared != null && !Arrays.equals(declared, publicKey)) {
                throw new IdentityException(source + ": the Ed25519 public key stored in the file does not belong to its private key");
            }
            return new Decoded(pair, KeyType.ED25519);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * The key pair of an Ed25519 seed. The JDK has no call that derives a public key, but its key generator takes
     * the private key (the seed) from its random source, so a source that hands out the seed yields the pair.
     */
    private static KeyPair ed25519KeyPair(byte[] seed, String source) throws IdentityException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] generated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
            boolean fromSeed = MessageDigest.isEqual(generated, seed);
            Arrays.fill(generated, (byte) 0);
            if (!fromSeed) {
                throw new IdentityException(source + ": the JDK cannot build an Ed25519 key (its key generator did not use the seed)");
            }
            return pair;
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IdentityException(source + ": the JDK cannot build an Ed25519 key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A "random" source that hands out one seed, once. */
    private static final class SeedAsRandom extends SecureRandom {
        private final byte[] seed;
        private boolean used;

        SeedAsRandom(byte[] seed) {
            super(null, null); // no SPI: nextBytes is all a key generator calls, and the default SPI is costly
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 key generator asked for other bytes than the seed");
            }
            used = true;
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
