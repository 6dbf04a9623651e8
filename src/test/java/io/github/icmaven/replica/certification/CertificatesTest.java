package io.github.icmaven.replica.certification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborTag;
import io.github.icmaven.encoding.Leb128;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.AgentError;
import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.ReplicaTransport;
import org.ic4j.agent.RequestStatusResponse;
import org.ic4j.agent.certification.Certificate;
import org.ic4j.agent.certification.hashtree.Label;
import org.ic4j.agent.certification.hashtree.LookupResult.LookupResultStatus;
import org.ic4j.agent.requestid.RequestId;
import org.junit.jupiter.api.Test;

class CertificatesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SEED = HEX.parseHex("0102030405060708091011121314151617181920212223242526272829303132");
    private static final byte[] REQUEST_ID = HEX.parseHex("ab".repeat(32));
    private static final byte[] REPLY = {0x44, 0x49, 0x44, 0x4c, 0, 0};

    private static long nowNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private static HashTree stateTree(long timeNanos) {
        return LabeledTree.builder()
                .put(Leb128.unsigned(timeNanos), "time")
                .put("replied".getBytes(StandardCharsets.US_ASCII), "request_status", REQUEST_ID, "status")
                .put(REPLY, "request_status", REQUEST_ID, "reply")
                .put("processing".getBytes(StandardCharsets.US_ASCII), "request_status", HEX.parseHex("cd".repeat(32)), "status")
                .build().toHashTree();
    }

    @Test
    void rootKeyIsDeterministicAndDerShaped() {
        BlsRootKey key = BlsRootKey.fromSeed(SEED);
        assertArrayEquals(key.publicKeyDer(), BlsRootKey.fromSeed(SEED).publicKeyDer());
        assertEquals(133, key.publicKeyDer().length);
        assertTrue(HEX.formatHex(key.publicKeyDer()).startsWith(
                "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100"));
        assertFalse(java.util.Arrays.equals(key.publicKey(), BlsRootKey.random().publicKey()));
    }

    @Test
    void blsSignaturesVerifyAndTamperingIsDetected() {
        BlsRootKey key = BlsRootKey.fromSeed(SEED);
        byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = key.sign(message);
        assertEquals(48, signature.length);
        assertTrue(BlsRootKey.verify(key.publicKey(), message, signature));
        assertFalse(BlsRootKey.verify(key.publicKey(), "hellO".getBytes(StandardCharsets.US_ASCII), signature));
        assertFalse(BlsRootKey.verify(BlsRootKey.random().publicKey(), message, signature));
    }

    @Test
    void certificateHasTheSpecShapeAndAlwaysTheTime() {
        BlsRootKey key = BlsRootKey.fromSeed(SEED);
        HashTree full = stateTree(123);
        byte[] bytes = Certificates.certifyPaths(full, List.of(List.of("request_status".getBytes(), REQUEST_ID)), key);
        assertEquals("d9d9f7", HEX.formatHex(bytes, 0, 3));
        Map<?, ?> certificate = (Map<?, ?>) Cbor.decode(bytes);
        assertEquals(List.of("tree", "signature"), List.copyOf(certificate.keySet()));
        HashTree tree = HashTree.fromCbor(certificate.get("tree"));
        assertArrayEquals(full.digest(), tree.digest());
        assertArrayEquals(new byte[] {123}, tree.lookup(List.of("time".getBytes())).value());
        assertTrue(BlsRootKey.verify(key.publicKey(), BlsRootKey.stateRootMessage(tree.digest()),
                (byte[]) certificate.get("signature")));
    }

    /** Serves one read_state answer, as a replica would. */
    private static final class ReadStateTransport implements ReplicaTransport {
        private final byte[] certificate;

        ReadStateTransport(byte[] certificate) {
            this.certificate = certificate;
        }

        @Override
        public CompletableFuture<ReplicaResponse> readState(org.ic4j.types.Principal canister, byte[] envelope,
                                                            Map<String, String> headers) {
            ReplicaResponse response = new ReplicaResponse();
            response.payload = Cbor.encode(CborTag.selfDescribed(Map.of("certificate", certificate)));
            response.headers = new HashMap<>();
            return CompletableFuture.completedFuture(response);
        }

        @Override
        public CompletableFuture<ReplicaResponse> status() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletableFuture<ReplicaResponse> query(org.ic4j.types.Principal c, byte[] e, Map<String, String> h) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletableFuture<ReplicaResponse> call(org.ic4j.types.Principal c, byte[] e, RequestId r,
                                                       Map<String, String> h) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public void close() {
        }
    }

    private static byte[] requestStatusCertificate(BlsRootKey signer) {
        return Certificates.certifyPaths(stateTree(nowNanos()),
                List.of(List.of("request_status".getBytes(), REQUEST_ID)), signer);
    }

    private static RequestStatusResponse pollWithIc4j(byte[] certificate, BlsRootKey trusted) throws Exception {
        Agent agent = new AgentBuilder().transport(new ReadStateTransport(certificate)).build();
        agent.setRootKey(trusted.publicKeyDer());
        org.ic4j.types.Principal canister = org.ic4j.types.Principal.from(POLLED_CANISTER);
        return agent.requestStatusRaw(RequestId.fromHexString(HEX.formatHex(REQUEST_ID)), canister).get();
    }

    @Test
    void ic4jVerifiesOurCertificateAndReadsTheReply() throws Exception {
        BlsRootKey key = BlsRootKey.fromSeed(SEED);
        RequestStatusResponse status = pollWithIc4j(requestStatusCertificate(key), key);
        assertEquals(RequestStatusResponse.InnerStatus.REPLIED_STATUS, status.status);
        assertArrayEquals(REPLY, status.replied.get().arg);
    }

    @Test
    void ic4jRejectsACertificateSignedByAnotherKey() {
        BlsRootKey trusted = BlsRootKey.fromSeed(SEED);
        byte[] forged = requestStatusCertificate(BlsRootKey.random());
        Throwable failure = assertThrows(Throwable.class, () -> pollWithIc4j(forged, trusted));
        assertTrue(failure instanceof AgentError || failure.getCause() instanceof AgentError, failure.toString());
    }

    @Test
    void aWithheldPathShowsOnlyItsHashAndTheRootHashStays() {
        HashTree full = stateTree(7);
        List<byte[]> status = List.of("request_status".getBytes(), REQUEST_ID, "status".getBytes());
        HashTree witness = full.witness(List.of(List.of("request_status".getBytes(), REQUEST_ID)));
        HashTree withheld = witness.withhold(status);
        assertArrayEquals(full.digest(), withheld.digest());
        assertEquals(LookupResult.Status.UNKNOWN, withheld.lookup(status).status());
        assertArrayEquals(REPLY, withheld.lookup(List.of("request_status".getBytes(), REQUEST_ID, "reply".getBytes())).value());
    }

    /** The canister {@link #pollWithIc4j} asks about. */
    private static final byte[] POLLED_CANISTER = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};

    /**
     * A request-status certificate by a subnet with key {@code subnetKey}, delegated by {@code root}'s
     * subnet for the canister ids {@code [rangeStart, rangeEnd]}.
     */
    private static byte[] delegatedCertificate(BlsRootKey root, BlsRootKey subnetKey, byte[] rangeStart, byte[] rangeEnd) {
        byte[] subnetId = io.github.icmaven.ic.Principal.selfAuthenticating(subnetKey.publicKeyDer()).bytes();
        byte[] ranges = Cbor.encode(CborTag.selfDescribed(List.of(List.of(rangeStart, rangeEnd))));
        HashTree rootSubnetTree = LabeledTree.builder()
                .put(Leb128.unsigned(nowNanos()), "time")
                .put(subnetKey.publicKeyDer(), "subnet", subnetId, "public_key")
                .put(ranges, "subnet", subnetId, "canister_ranges")
                .put(ranges, "canister_ranges", subnetId, rangeStart)
                .build().toHashTree();
        SubnetDelegation delegation = SubnetDelegation.issue(rootSubnetTree, subnetId, root);
        return Certificates.certifyPaths(stateTree(nowNanos()), List.of(List.of("request_status".getBytes(), REQUEST_ID)),
                subnetKey, delegation);
    }

    @Test
    void aDelegatedCertificateCarriesTheSubnetIdAndARootCertificateWithoutDelegation() {
        BlsRootKey root = BlsRootKey.fromSeed(SEED);
        BlsRootKey subnet = BlsRootKey.random();
        Map<?, ?> certificate = (Map<?, ?>) Cbor.decode(delegatedCertificate(root, subnet, POLLED_CANISTER, POLLED_CANISTER));
        assertEquals(List.of("tree", "signature", "delegation"), List.copyOf(certificate.keySet()));
        Map<?, ?> delegation = (Map<?, ?>) certificate.get("delegation");
        assertArrayEquals(io.github.icmaven.ic.Principal.selfAuthenticating(subnet.publicKeyDer()).bytes(),
                (byte[]) delegation.get("subnet_id"));
        Map<?, ?> rootCertificate = (Map<?, ?>) Cbor.decode((byte[]) delegation.get("certificate"));
        assertEquals(List.of("tree", "signature"), List.copyOf(rootCertificate.keySet()));
        HashTree rootTree = HashTree.fromCbor(rootCertificate.get("tree"));
        assertTrue(BlsRootKey.verify(root.publicKey(), BlsRootKey.stateRootMessage(rootTree.digest()),
                (byte[]) rootCertificate.get("signature")));
    }

    @Test
    void ic4jFollowsTheDelegationToTheSubnetKey() throws Exception {
        BlsRootKey root = BlsRootKey.fromSeed(SEED);
        byte[] certificate = delegatedCertificate(root, BlsRootKey.random(), POLLED_CANISTER, POLLED_CANISTER);
        RequestStatusResponse status = pollWithIc4j(certificate, root);
        assertEquals(RequestStatusResponse.InnerStatus.REPLIED_STATUS, status.status);
        assertArrayEquals(REPLY, status.replied.get().arg);
    }

    @Test
    void ic4jRejectsADelegationWhoseRangesExcludeTheCanister() {
        BlsRootKey root = BlsRootKey.fromSeed(SEED);
        byte[] next = {0, 0, 0, 0, 0, 0, 0, 2, 1, 1};
        byte[] certificate = delegatedCertificate(root, BlsRootKey.random(), next, next);
        Throwable failure = assertThrows(Throwable.class, () -> pollWithIc4j(certificate, root));
        AgentError error = (AgentError) (failure instanceof AgentError ? failure : failure.getCause());
        assertEquals(AgentError.AgentErrorCode.CERTIFICATE_NOT_AUTHORIZED, error.getCode(), error.toString());
    }

    @Test
    void ic4jRejectsADelegationNotSignedByTheRootKey() {
        BlsRootKey subnet = BlsRootKey.random();
        byte[] certificate = delegatedCertificate(BlsRootKey.random(), subnet, POLLED_CANISTER, POLLED_CANISTER);
        Throwable failure = assertThrows(Throwable.class, () -> pollWithIc4j(certificate, BlsRootKey.fromSeed(SEED)));
        AgentError error = (AgentError) (failure instanceof AgentError ? failure : failure.getCause());
        assertEquals(AgentError.AgentErrorCode.CERTIFICATE_VERIFICATION_FAILED, error.getCode(), error.toString());
    }

    @Test
    void ic4jCertificateParserAgreesOnDigestAndLookups() throws Exception {
        BlsRootKey key = BlsRootKey.fromSeed(SEED);
        byte[] bytes = Certificates.certifyPaths(stateTree(5),
                List.of(List.of("request_status".getBytes(), HEX.parseHex("00".repeat(32)))), key);
        ObjectMapper jackson = new ObjectMapper(new CBORFactory()).registerModule(new Jdk8Module());
        // ic4j's lookupPath consumes its argument, hence the mutable lists below.
        Certificate certificate = jackson.readValue(bytes, Certificate.class);
        HashTree ours = HashTree.fromCbor(((Map<?, ?>) Cbor.decode(bytes)).get("tree"));
        assertArrayEquals(ours.digest(), certificate.tree.digest());
        assertEquals(LookupResultStatus.ABSENT, certificate.tree.lookupPath(new java.util.ArrayList<>(
                List.of(new Label("request_status"), new Label(HEX.parseHex("00".repeat(32))), new Label("status"))))
                .status);
        assertNotNull(certificate.tree.lookupPath(new java.util.ArrayList<>(List.of(new Label("time")))).value);
        assertTrue(certificate.delegation == null || certificate.delegation.isEmpty());
    }
}
