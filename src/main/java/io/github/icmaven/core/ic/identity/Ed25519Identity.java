package io.github.icmaven.core.ic.identity;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.ic4j.agent.identity.Identity;
import org.ic4j.agent.identity.Signature;
import org.ic4j.agent.replicaapi.Delegation;
import org.ic4j.types.Principal;

import java.io.IOException;
import java.security.KeyPair;
import java.util.Arrays;

/**
 * An Ed25519 identity for ic4j that signs with BouncyCastle: ic4j's {@code BasicIdentity} signs with the JDK's
 * Ed25519, which takes about a millisecond, and every request is signed. Ed25519 is deterministic, so the
 * signatures are the same.
 */
final class Ed25519Identity extends Identity {
    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKeyDer;
    private final Principal sender;

    private Ed25519Identity(Ed25519PrivateKeyParameters privateKey, byte[] publicKeyDer) {
        this.privateKey = privateKey;
        this.publicKeyDer = publicKeyDer;
        this.sender = Principal.selfAuthenticating(publicKeyDer);
    }

    /** The identity of an Ed25519 key pair as {@link PrivateKeys} decodes it. */
    static Ed25519Identity of(KeyPair keyPair) {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(keyPair.getPrivate().getEncoded());
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an Ed25519 private key: " + e.getMessage(), e);
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new IllegalArgumentException("Not an Ed25519 private key: " + key.getClass().getSimpleName());
        }
        byte[] der = keyPair.getPublic().getEncoded();
        byte[] raw = ed25519.generatePublicKey().getEncoded();
        if (!Arrays.equals(raw, Arrays.copyOfRange(der, der.length - raw.length, der.length))) {
            throw new IllegalArgumentException("The Ed25519 public key does not belong to the private key");
        }
        return new Ed25519Identity(ed25519, der);
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
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return new Signature(publicKeyDer.clone(), signer.generateSignature(), null);
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
