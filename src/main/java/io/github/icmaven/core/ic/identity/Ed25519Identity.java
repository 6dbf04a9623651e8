package io.github.icmaven.core.ic.identity;

import org.ic4j.agent.identity.Identity;
import org.ic4j.agent.identity.Signature;
import org.ic4j.agent.replicaapi.Delegation;
import org.ic4j.types.Principal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;

/**
 * An Ed25519 identity for ic4j that signs with the JDK's Ed25519 (about 2 ms for the first signature of a fresh
 * JVM, well under a millisecond after; an upgrade signs about ten requests). BouncyCastle would be faster per
 * signature but costs a fresh JVM about 150 ms to load. Unlike ic4j's {@code BasicIdentity}, it takes the key
 * pair {@link PrivateKeys} built, whatever PEM layout the key came from.
 */
final class Ed25519Identity extends Identity {
    private final PrivateKey privateKey;
    private final byte[] publicKeyDer;
    private final Principal sender;

    private Ed25519Identity(PrivateKey privateKey, byte[] publicKeyDer) {
        this.privateKey = privateKey;
        this.publicKeyDer = publicKeyDer;
        this.sender = Principal.selfAuthenticating(publicKeyDer);
    }

    /** The identity of an Ed25519 key pair as {@link PrivateKeys} builds it (the public key derived from the private). */
    static Ed25519Identity of(KeyPair keyPair) {
        if (!(keyPair.getPrivate() instanceof EdECPrivateKey)) {
            throw new IllegalArgumentException("Not an Ed25519 private key: " + keyPair.getPrivate().getAlgorithm());
        }
        return new Ed25519Identity(keyPair.getPrivate(), keyPair.getPublic().getEncoded());
    }

    @Override
    public Principal sender() {
        return sender;
    }

    @Override
    public Signature sign(byte[] message) {
        return signArbitrary(message);
    }

    @Override
    public Signature signArbitrary(byte[] message) {
        try {
            java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return new Signature(publicKeyDer.clone(), signer.sign(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot sign with Ed25519 (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public Signature signDelegation(Delegation delegation) {
        return signArbitrary(delegation.signable());
    }

    @Override
    public byte[] getPublicKey() {
        return publicKeyDer.clone();
    }
}
