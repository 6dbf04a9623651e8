package io.github.icmaven.replica.auth;

import io.github.icmaven.ic.RequestId;
import io.github.icmaven.ic.RepresentationIndependentHash;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborTag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvelopeVerifierTest {
    private static final long NOW = 1_700_000_000_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;
    private static final Principal CANISTER = Principal.canisterId(7);
    private static final byte[] ARG = "DIDL\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);

    private static Map<String, Object> content(String type, Principal sender, long expiry) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("request_type", type);
        content.put("sender", sender.bytes());
        content.put("ingress_expiry", expiry);
        content.put("nonce", new byte[] {1, 2, 3});
        if (type.equals("read_state")) {
            content.put("paths", List.of(List.of("time".getBytes(StandardCharsets.US_ASCII))));
        } else {
            content.put("canister_id", CANISTER.bytes());
            content.put("method_name", "greet");
            content.put("arg", ARG);
        }
        return content;
    }

    private static byte[] requestMessage(Map<String, Object> content) {
        return concat(sep("ic-request"), RequestId.of(content));
    }

    private static Map<String, Object> signedEnvelope(Map<String, Object> content, TestSigners.Signer signer) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("content", content);
        envelope.put("sender_pubkey", signer.publicKeyDer());
        envelope.put("sender_sig", signer.sign(requestMessage(content)));
        return envelope;
    }

    /** Encodes and decodes, as the HTTP layer will see it. */
    private static VerifiedRequest verify(Map<String, Object> envelope, String type, long now) {
        return EnvelopeVerifier.verify(Cbor.encode(CborTag.selfDescribed(envelope)), type, now);
    }

    private static InvalidRequestException refused(Map<String, Object> envelope, String type, long now) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> verify(envelope, type, now));
        assertEquals(400, e.httpStatus());
        return e;
    }

    @Test
    void acceptsEd25519Secp256k1AndP256Signatures() throws Exception {
        for (TestSigners.Signer signer : List.of(TestSigners.ed25519(), TestSigners.secp256k1(), TestSigners.p256())) {
            Map<String, Object> content = content("call", signer.principal(), NOW + 4 * MINUTE);
            VerifiedRequest request = verify(signedEnvelope(content, signer), "call", NOW);
            assertEquals("call", request.requestType());
            assertEquals(signer.principal(), request.sender());
            assertEquals(CANISTER, request.canisterId());
            assertEquals("greet", request.methodName());
            assertArrayEquals(ARG, request.arg());
            assertArrayEquals(new byte[] {1, 2, 3}, request.nonce());
            assertEquals(NOW + 4 * MINUTE, request.ingressExpiry());
            assertArrayEquals(RequestId.of(content), request.requestId());
            assertNull(request.delegationTargets());
        }
    }

    @Test
    void readStateCarriesPaths() throws Exception {
        TestSigners.Signer signer = TestSigners.ed25519();
        VerifiedRequest request = verify(signedEnvelope(content("read_state", signer.principal(), NOW), signer),
                "read_state", NOW);
        assertNull(request.canisterId());
        assertEquals(1, request.paths().size());
        assertArrayEquals("time".getBytes(StandardCharsets.US_ASCII), request.paths().get(0).get(0));
    }

    @Test
    void refusesTamperedSignatures() throws Exception {
        for (TestSigners.Signer signer : List.of(TestSigners.ed25519(), TestSigners.secp256k1(), TestSigners.p256())) {
            Map<String, Object> envelope = signedEnvelope(content("call", signer.principal(), NOW), signer);
            byte[] sig = (byte[]) envelope.get("sender_sig");
            sig[5] ^= 1;
            assertTrue(refused(envelope, "call", NOW).getMessage().startsWith("Invalid signature: Invalid basic signature"));
        }
    }

    @Test
    void refusesMalformedEd25519Keys() throws Exception {
        TestSigners.Signer signer = TestSigners.ed25519();
        byte[] der = signer.publicKeyDer();
        byte[] shortKey = java.util.Arrays.copyOf(der, der.length - 1);
        shortKey[1]--; // SEQUENCE length
        shortKey[shortKey.length - 31 - 2]--; // BIT STRING length
        Principal sender = Principal.selfAuthenticating(shortKey);
        Map<String, Object> envelope = signedEnvelope(content("call", sender, NOW), signer);
        envelope.put("sender_pubkey", shortKey);
        assertTrue(refused(envelope, "call", NOW).getMessage().contains("malformed Ed25519 public key"),
                refused(envelope, "call", NOW).getMessage());
    }

    @Test
    void refusesSignaturesOverOtherContent() throws Exception {
        TestSigners.Signer signer = TestSigners.ed25519();
        Map<String, Object> envelope = signedEnvelope(content("call", signer.principal(), NOW), signer);
        ((Map<String, Object>) envelope.get("content")).put("method_name", "steal");
        assertTrue(refused(envelope, "call", NOW).getMessage().startsWith("Invalid signature:"));
    }

    @Test
    void refusesSenderNotMatchingTheKey() throws Exception {
        TestSigners.Signer signer = TestSigners.ed25519();
        TestSigners.Signer other = TestSigners.ed25519();
        Map<String, Object> envelope = signedEnvelope(content("call", other.principal(), NOW), signer);
        assertTrue(refused(envelope, "call", NOW).getMessage()
                .startsWith("The user id " + other.principal() + " does not match the public key"));
    }

    @Test
    void anonymousMustNotSignAndOthersMust() throws Exception {
        Map<String, Object> anonymous = new LinkedHashMap<>();
        anonymous.put("content", content("query", Principal.ANONYMOUS, NOW + MINUTE));
        assertEquals(Principal.ANONYMOUS, verify(anonymous, "query", NOW).sender());

        TestSigners.Signer signer = TestSigners.ed25519();
        Map<String, Object> signedAnonymous = signedEnvelope(content("query", Principal.ANONYMOUS, NOW), signer);
        assertEquals("Signature is not allowed for the anonymous user",
                refused(signedAnonymous, "query", NOW).getMessage());

        Map<String, Object> unsigned = new LinkedHashMap<>();
        unsigned.put("content", content("call", signer.principal(), NOW));
        assertEquals("Missing signature from user: " + signer.principal(), refused(unsigned, "call", NOW).getMessage());
    }

    @Test
    void enforcesTheIngressExpiryWindow() throws Exception {
        TestSigners.Signer signer = TestSigners.ed25519();
        long latest = NOW + 5 * MINUTE + 30_000_000_000L;
        verify(signedEnvelope(content("call", signer.principal(), latest), signer), "call", NOW);
        verify(signedEnvelope(content("call", signer.principal(), NOW), signer), "call", NOW);
        for (long expiry : new long[] {NOW - 1, latest + 1}) {
            String message = refused(signedEnvelope(content("call", signer.principal(), expiry), signer), "call", NOW)
                    .getMessage();
            assertTrue(message.startsWith("Invalid request expiry: Specified ingress_expiry not within expected range"),
                    message);
        }
        // Anonymous queries and read_state may carry any expiry (spec, Authentication).
        Map<String, Object> oldAnonymousQuery = new LinkedHashMap<>();
        oldAnonymousQuery.put("content", content("query", Principal.ANONYMOUS, NOW - 60 * MINUTE));
        verify(oldAnonymousQuery, "query", NOW);
        Map<String, Object> oldAnonymousCall = new LinkedHashMap<>();
        oldAnonymousCall.put("content", content("call", Principal.ANONYMOUS, NOW - 60 * MINUTE));
        refused(oldAnonymousCall, "call", NOW);
    }

    @Test
    void refusesMissingFieldsWrongTypesAndBigNonces() throws Exception {
        TestSigners.Signer signer = TestSigners.ed25519();
        Map<String, Object> noMethod = content("call", signer.principal(), NOW);
        noMethod.remove("method_name");
        assertEquals("Could not parse body as call message: missing field `method_name`",
                refused(signedEnvelope(noMethod, signer), "call", NOW).getMessage());

        Map<String, Object> noPaths = content("read_state", signer.principal(), NOW);
        noPaths.remove("paths");
        assertTrue(refused(signedEnvelope(noPaths, signer), "read_state", NOW).getMessage().contains("`paths`"));

        Map<String, Object> query = content("query", signer.principal(), NOW);
        assertTrue(refused(signedEnvelope(query, signer), "call", NOW).getMessage()
                .startsWith("Could not parse body as call message"));

        Map<String, Object> bigNonce = content("call", signer.principal(), NOW);
        bigNonce.put("nonce", new byte[33]);
        assertEquals("Nonce in request is too big: got 33 bytes, but at most 32 are allowed",
                refused(signedEnvelope(bigNonce, signer), "call", NOW).getMessage());

        InvalidRequestException garbage = assertThrows(InvalidRequestException.class,
                () -> EnvelopeVerifier.verify(new byte[] {(byte) 0xa1}, "call", NOW));
        assertEquals(400, garbage.httpStatus());
    }

    @Test
    void unknownContentFieldsCountTowardsTheRequestId() throws Exception {
        TestSigners.Signer signer = TestSigners.ed25519();
        Map<String, Object> content = content("call", signer.principal(), NOW);
        content.put("sender_info", Map.of("info", new byte[] {9}));
        VerifiedRequest request = verify(signedEnvelope(content, signer), "call", NOW);
        assertArrayEquals(RequestId.of(content), request.requestId());
    }

    @Test
    void refusesCanisterSignatureKeys() throws Exception {
        // A canister signature public key: DER with OID 1.3.6.1.4.1.56387.1.2.
        byte[] keyBytes = HexFormat.of().parseHex("0a000000000000000701010102");
        byte[] der = new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.56387.1.2")), keyBytes).getEncoded();
        Principal sender = Principal.selfAuthenticating(der);
        Map<String, Object> content = content("call", sender, NOW);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("content", content);
        envelope.put("sender_pubkey", der);
        envelope.put("sender_sig", new byte[64]);
        String message = refused(envelope, "call", NOW).getMessage();
        assertTrue(message.startsWith("Invalid signature: Invalid canister signature"), message);
    }

    // ---- delegations ----

    private static Map<String, Object> delegation(TestSigners.Signer from, TestSigners.Signer to, long expiration,
                                                  List<Principal> targets, String permissions) {
        Map<String, Object> delegation = new LinkedHashMap<>();
        delegation.put("pubkey", to.publicKeyDer());
        delegation.put("expiration", expiration);
        if (targets != null) {
            List<Object> bytes = new ArrayList<>();
            targets.forEach(t -> bytes.add(t.bytes()));
            delegation.put("targets", bytes);
        }
        if (permissions != null) {
            delegation.put("permissions", permissions);
        }
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("delegation", delegation);
        signed.put("signature", from.sign(concat(sep("ic-request-auth-delegation"),
                RepresentationIndependentHash.hashOfMap(delegation))));
        return signed;
    }

    private static Map<String, Object> delegatedEnvelope(String type, TestSigners.Signer root,
                                                         TestSigners.Signer session,
                                                         List<Map<String, Object>> chain) {
        Map<String, Object> content = content(type, root.principal(), NOW + MINUTE);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("content", content);
        envelope.put("sender_pubkey", root.publicKeyDer());
        envelope.put("sender_delegation", chain);
        envelope.put("sender_sig", session.sign(requestMessage(content)));
        return envelope;
    }

    @Test
    void acceptsAValidDelegationChainAndIntersectsTargets() throws Exception {
        TestSigners.Signer root = TestSigners.ed25519();
        TestSigners.Signer middle = TestSigners.secp256k1();
        TestSigners.Signer session = TestSigners.p256();
        Principal other = Principal.canisterId(8);
        List<Map<String, Object>> chain = List.of(
                delegation(root, middle, NOW + 60 * MINUTE, List.of(CANISTER, other), null),
                delegation(middle, session, NOW + 60 * MINUTE, List.of(CANISTER), "all"));
        VerifiedRequest request = verify(delegatedEnvelope("call", root, session, chain), "call", NOW);
        assertEquals(root.principal(), request.sender());
        assertEquals(Set.of(CANISTER), request.delegationTargets());
        assertTrue(request.mayTarget(CANISTER));
        assertFalse(request.mayTarget(other));
    }

    @Test
    void refusesSignaturesByTheRootKeyWhenTheChainDelegatesAway() throws Exception {
        TestSigners.Signer root = TestSigners.ed25519();
        TestSigners.Signer session = TestSigners.ed25519();
        List<Map<String, Object>> chain = List.of(delegation(root, session, NOW + MINUTE, null, null));
        assertTrue(refused(delegatedEnvelope("call", root, root, chain), "call", NOW).getMessage()
                .startsWith("Invalid signature:"));
    }

    @Test
    void refusesBadDelegations() throws Exception {
        TestSigners.Signer root = TestSigners.ed25519();
        TestSigners.Signer session = TestSigners.ed25519();
        TestSigners.Signer stranger = TestSigners.ed25519();

        List<Map<String, Object>> expired = List.of(delegation(root, session, NOW - 1, null, null));
        assertTrue(refused(delegatedEnvelope("call", root, session, expired), "call", NOW).getMessage()
                .startsWith("Invalid delegation expiry: Specified sender delegation has expired"));

        List<Map<String, Object>> forged = List.of(delegation(stranger, session, NOW + MINUTE, null, null));
        assertTrue(refused(delegatedEnvelope("call", root, session, forged), "call", NOW).getMessage()
                .startsWith("Invalid delegation: Invalid basic signature"));

        List<Map<String, Object>> elsewhere = List.of(
                delegation(root, session, NOW + MINUTE, List.of(Principal.canisterId(99)), null));
        assertEquals("Canister " + CANISTER + " is not one of the delegation targets",
                refused(delegatedEnvelope("call", root, session, elsewhere), "call", NOW).getMessage());

        List<Map<String, Object>> queriesOnly = List.of(delegation(root, session, NOW + MINUTE, null, "queries"));
        assertTrue(refused(delegatedEnvelope("call", root, session, queriesOnly), "call", NOW).getMessage()
                .startsWith("Invalid delegation:"));
        verify(delegatedEnvelope("query", root, session, queriesOnly), "query", NOW);

        List<Map<String, Object>> cycle = List.of(
                delegation(root, session, NOW + MINUTE, null, null),
                delegation(session, root, NOW + MINUTE, null, null));
        assertTrue(refused(delegatedEnvelope("call", root, root, cycle), "call", NOW).getMessage()
                .contains("cycle"));

        List<Map<String, Object>> selfSigned = List.of(delegation(root, root, NOW + MINUTE, null, null));
        assertTrue(refused(delegatedEnvelope("call", root, root, selfSigned), "call", NOW).getMessage()
                .contains("cycle"));
    }

    static byte[] sep(String name) {
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[text.length + 1];
        out[0] = (byte) text.length;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
