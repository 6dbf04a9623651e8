package io.github.icmaven.core.ic.transport;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborTag;
import io.github.icmaven.ic.DomainSeparator;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RequestId;
import org.ic4j.agent.identity.Identity;
import org.ic4j.agent.identity.Signature;
import org.ic4j.agent.replicaapi.Delegation;
import org.ic4j.agent.replicaapi.SignedDelegation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Signed request envelopes (interface spec, "Authentication"), written with the plugin's own CBOR and request-id
 * code and signed by an ic4j {@link Identity}. Not ic4j's own envelope path: it maps envelopes with Jackson and
 * builds a new object mapper for every request, and in a fresh JVM, as every {@code mvn deploy} is, loading that
 * mapping was the largest part of the preflight's own time.
 *
 * <p>As ic4j: the ingress expiry is four minutes ahead (the IC accepts at most five, less clock drift), and every
 * request carries a random 16-byte nonce, so two identical calls never share a request id.
 */
public final class SignedRequests {
    static final Duration INGRESS_EXPIRY = Duration.ofMinutes(4);
    private static final byte[] REQUEST_SEPARATOR = DomainSeparator.of("ic-request");

    private final Identity identity;
    private final byte[] sender;

    /** A request ready to send: its id (for polling its status) and its CBOR envelope. */
    public record Signed(byte[] requestId, byte[] envelope) {}

    public SignedRequests(Identity identity) {
        this.identity = identity;
        this.sender = identity.sender().getValue();
    }

    public Signed call(Principal canisterId, String method, byte[] arg) {
        return sign(canisterCall("call", canisterId, method, arg));
    }

    public Signed query(Principal canisterId, String method, byte[] arg) {
        return sign(canisterCall("query", canisterId, method, arg));
    }

    /** A read_state request for {@code paths}, each a list of labels. */
    public Signed readState(List<List<byte[]>> paths) {
        Map<String, Object> content = common("read_state");
        content.put("paths", new ArrayList<Object>(paths));
        return sign(content);
    }

    private Map<String, Object> canisterCall(String type, Principal canisterId, String method, byte[] arg) {
        Map<String, Object> content = common(type);
        content.put("canister_id", canisterId.bytes());
        content.put("method_name", method);
        content.put("arg", arg);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        content.put("nonce", nonce);
        return content;
    }

    private Map<String, Object> common(String type) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("request_type", type);
        content.put("sender", sender);
        content.put("ingress_expiry", Duration.ofMillis(System.currentTimeMillis()).plus(INGRESS_EXPIRY).toNanos());
        return content;
    }

    private Signed sign(Map<String, Object> content) {
        byte[] requestId = RequestId.of(content);
        byte[] message = new byte[REQUEST_SEPARATOR.length + requestId.length];
        System.arraycopy(REQUEST_SEPARATOR, 0, message, 0, REQUEST_SEPARATOR.length);
        System.arraycopy(requestId, 0, message, REQUEST_SEPARATOR.length, requestId.length);
        Signature signature = identity.sign(message);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("content", content);
        // The anonymous identity signs nothing: no key, no signature.
        if (signature.publicKey != null) {
            signature.publicKey.ifPresent(key -> envelope.put("sender_pubkey", key));
        }
        if (signature.signature != null) {
            signature.signature.ifPresent(sig -> envelope.put("sender_sig", sig));
        }
        if (signature.delegations != null) {
            signature.delegations.filter(list -> !list.isEmpty())
                    .ifPresent(list -> envelope.put("sender_delegation", list.stream().map(SignedRequests::delegation).toList()));
        }
        return new Signed(requestId, Cbor.encode(CborTag.selfDescribed(envelope)));
    }

    private static Map<String, Object> delegation(SignedDelegation signed) {
        Delegation d = signed.delegation;
        Map<String, Object> delegation = new LinkedHashMap<>();
        delegation.put("pubkey", d.pubKey);
        delegation.put("expiration", d.expiration);
        if (d.targets != null) {
            delegation.put("targets", d.targets.stream().map(t -> (Object) t.getValue()).toList());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("delegation", delegation);
        out.put("signature", signed.signature);
        return out;
    }
}
