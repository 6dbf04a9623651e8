package io.github.icmaven.core.ic.transport;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.ic.DomainSeparator;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RequestId;
import org.ic4j.agent.identity.BasicIdentity;
import org.ic4j.agent.identity.Identity;
import org.ic4j.agent.replicaapi.CallRequestContent;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The envelopes the client sends: what the IC checks in them, compared with ic4j's own request-id code. */
class SignedRequestsTest {
    private static final Principal CANISTER = Principal.fromText("rwlgt-iiaaa-aaaaa-aaaaa-cai");
    private static final byte[] ARG = {'D', 'I', 'D', 'L', 0, 0};

    private final Identity identity = newIdentity();
    private final SignedRequests requests = new SignedRequests(identity);

    @Test
    void aCallCarriesItsContentAndASignatureOverTheRequestIdThatVerifies() throws Exception {
        SignedRequests.Signed call = requests.call(CANISTER, "greet", ARG);
        Map<?, ?> envelope = (Map<?, ?>) Cbor.decode(call.envelope());
        Map<?, ?> content = (Map<?, ?>) envelope.get("content");

        assertEquals("call", content.get("request_type"));
        assertArrayEquals(CANISTER.bytes(), (byte[]) content.get("canister_id"));
        assertEquals("greet", content.get("method_name"));
        assertArrayEquals(ARG, (byte[]) content.get("arg"));
        assertArrayEquals(identity.sender().getValue(), (byte[]) content.get("sender"));
        assertEquals(16, ((byte[]) content.get("nonce")).length);
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) content;
        assertArrayEquals(RequestId.of(typed), call.requestId());

        byte[] publicKey = (byte[]) envelope.get("sender_pubkey");
        assertArrayEquals(identity.getPublicKey(), publicKey);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKey)));
        verifier.update(DomainSeparator.of("ic-request"));
        verifier.update(call.requestId());
        assertTrue(verifier.verify((byte[]) envelope.get("sender_sig")), "sender_sig must sign \\x0Aic-request ++ id");
    }

    @Test
    void theRequestIdIsTheOneIc4jComputesForTheSameContent() {
        SignedRequests.Signed call = requests.call(CANISTER, "greet", ARG);
        Map<?, ?> content = (Map<?, ?>) ((Map<?, ?>) Cbor.decode(call.envelope())).get("content");

        CallRequestContent ic4j = new CallRequestContent();
        ic4j.callRequest = ic4j.new CallRequest();
        ic4j.callRequest.nonce = Optional.of((byte[]) content.get("nonce"));
        ic4j.callRequest.ingressExpiry = (Long) content.get("ingress_expiry");
        ic4j.callRequest.sender = identity.sender();
        ic4j.callRequest.canisterId = org.ic4j.types.Principal.from(CANISTER.bytes());
        ic4j.callRequest.methodName = "greet";
        ic4j.callRequest.arg = ARG;

        assertArrayEquals(org.ic4j.agent.requestid.RequestId.toRequestId(ic4j).get(), call.requestId());
    }

    @Test
    void theIngressExpiryIsFourMinutesAheadAndTwoEqualCallsDifferByTheirNonce() {
        long before = System.currentTimeMillis() * 1_000_000L;
        SignedRequests.Signed first = requests.call(CANISTER, "greet", ARG);
        SignedRequests.Signed second = requests.call(CANISTER, "greet", ARG);
        long expiry = (Long) ((Map<?, ?>) ((Map<?, ?>) Cbor.decode(first.envelope())).get("content")).get("ingress_expiry");

        long fourMinutes = 240_000_000_000L;
        assertTrue(expiry >= before + fourMinutes && expiry < before + fourMinutes + 60_000_000_000L, "expiry " + expiry);
        assertFalse(java.util.Arrays.equals(first.requestId(), second.requestId()));
    }

    @Test
    void aReadStateNamesItsPathsAndAQueryItsMethod() {
        byte[] label = "canister".getBytes(StandardCharsets.US_ASCII);
        Map<?, ?> readState = (Map<?, ?>) ((Map<?, ?>) Cbor.decode(
                requests.readState(List.of(List.of(label, CANISTER.bytes()))).envelope())).get("content");
        Map<?, ?> query = (Map<?, ?>) ((Map<?, ?>) Cbor.decode(requests.query(CANISTER, "get", ARG).envelope())).get("content");

        assertEquals("read_state", readState.get("request_type"));
        List<?> paths = (List<?>) readState.get("paths");
        assertEquals(1, paths.size());
        assertArrayEquals(label, (byte[]) ((List<?>) paths.get(0)).get(0));
        assertArrayEquals(CANISTER.bytes(), (byte[]) ((List<?>) paths.get(0)).get(1));
        assertEquals("query", query.get("request_type"));
        assertEquals("get", query.get("method_name"));
    }

    private static Identity newIdentity() {
        try {
            return BasicIdentity.fromKeyPair(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
