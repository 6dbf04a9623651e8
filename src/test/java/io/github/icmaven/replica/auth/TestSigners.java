package io.github.icmaven.replica.auth;

import io.github.icmaven.ic.Principal;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Key pairs that sign the way IC clients do, for building envelopes in tests. */
final class TestSigners {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** A key pair plus the JCA algorithm that yields IC-style signatures. */
    record Signer(KeyPair keyPair, String algorithm, java.security.Provider provider) {
        byte[] publicKeyDer() {
            return keyPair.getPublic().getEncoded();
        }

        Principal principal() {
            return Principal.selfAuthenticating(publicKeyDer());
        }

        byte[] sign(byte[] message) {
            try {
                Signature signature = provider == null ? Signature.getInstance(algorithm)
                        : Signature.getInstance(algorithm, provider);
                signature.initSign(keyPair.getPrivate());
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestSigners() {
    }

    static Signer ed25519() throws GeneralSecurityException {
        return new Signer(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "Ed25519", null);
    }

    /** secp256k1 via BouncyCastle: the JDK no longer has the curve. */
    static Signer secp256k1() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        return new Signer(generator.generateKeyPair(), "SHA256withPLAIN-ECDSA", BC);
    }

    static Signer p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return new Signer(generator.generateKeyPair(), "SHA256withECDSAinP1363Format", null);
    }
}
