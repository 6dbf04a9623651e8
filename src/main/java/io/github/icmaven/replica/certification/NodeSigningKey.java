package io.github.icmaven.replica.certification;

import io.github.icmaven.ic.DomainSeparator;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RepresentationIndependentHash;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The replica node's Ed25519 key for signing query responses. Clients look its DER public key up at
 * {@code /subnet/<subnet_id>/node/<node_id>/public_key}; the node id is the self-authenticating
 * principal of that DER key.
 */
public final class NodeSigningKey {
    private static final byte[] ED25519_DER_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] RESPONSE_DOMAIN = DomainSeparator.of("ic-response");

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKeyDer;

    private NodeSigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        byte[] raw = privateKey.generatePublicKey().getEncoded();
        this.publicKeyDer = Arrays.copyOf(ED25519_DER_PREFIX, ED25519_DER_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, publicKeyDer, ED25519_DER_PREFIX.length, raw.length);
    }

    /** A key from a 32-byte Ed25519 seed. */
    public static NodeSigningKey fromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("An Ed25519 seed has 32 bytes, got " + seed.length);
        }
        return new NodeSigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** A fresh random key. */
    public static NodeSigningKey random() {
        return new NodeSigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** The DER (SubjectPublicKeyInfo) public key, for the state tree's node {@code public_key} entry. */
    public byte[] publicKeyDer() {
        return publicKeyDer.clone();
    }

    /** The node id: self-authenticating principal of {@link #publicKeyDer()}. */
    public Principal nodeId() {
        return Principal.selfAuthenticating(publicKeyDer);
    }

    /**
     * The {@code signatures} entry for a replied query:
     * {@code {timestamp, signature, identity}} over {@code {status:"replied", reply:{arg}, timestamp, request_id}}.
     */
    public Map<String, Object> signReplied(byte[] requestId, byte[] replyArg, long timestampNanos) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("status", "replied");
        signed.put("reply", Map.of("arg", replyArg));
        signed.put("timestamp", timestampNanos);
        signed.put("request_id", requestId);
        return signatureEntry(signed, timestampNanos);
    }

    /**
     * The {@code signatures} entry for a rejected query, signing
     * {@code {status:"rejected", reject_code, reject_message, error_code, timestamp, request_id}}.
     */
    public Map<String, Object> signRejected(byte[] requestId, long rejectCode, String rejectMessage,
                                            String errorCode, long timestampNanos) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("status", "rejected");
        signed.put("reject_code", rejectCode);
        signed.put("reject_message", rejectMessage);
        signed.put("error_code", errorCode);
        signed.put("timestamp", timestampNanos);
        signed.put("request_id", requestId);
        return signatureEntry(signed, timestampNanos);
    }

    private Map<String, Object> signatureEntry(Map<String, Object> response, long timestampNanos) {
        byte[] hash = RepresentationIndependentHash.hashOfMap(response);
        byte[] message = Arrays.copyOf(RESPONSE_DOMAIN, RESPONSE_DOMAIN.length + hash.length);
        System.arraycopy(hash, 0, message, RESPONSE_DOMAIN.length, hash.length);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("timestamp", timestampNanos);
        entry.put("signature", signer.generateSignature());
        entry.put("identity", nodeId().bytes());
        return entry;
    }
}
