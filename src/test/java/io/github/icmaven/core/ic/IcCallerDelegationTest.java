package io.github.icmaven.core.ic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborTag;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.auth.VerifiedRequest;
import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.NodeSigningKey;
import io.github.icmaven.replica.certification.SubnetDelegation;
import io.github.icmaven.replica.node.EchoRouter;
import io.github.icmaven.replica.node.ReplicaNode;
import io.github.icmaven.replica.node.RoundLatency;
import io.github.icmaven.replica.node.SubnetTopology;
import io.github.icmaven.replica.node.SubnetTopology.CanisterRange;
import io.github.icmaven.replica.node.SubnetTopology.Subnet;
import io.github.icmaven.replica.http.ForwardingEndpoints;
import io.github.icmaven.replica.http.ReplicaEndpoints;
import io.github.icmaven.replica.http.ReplicaHttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link IcCaller} with a pinned root key against a mainnet-like topology: the canisters' subnet is not the
 * root subnet, so every certificate is signed by the application subnet's key and carries a delegation
 * from the root subnet. The client must follow the delegation and check its canister ranges.
 */
class IcCallerDelegationTest {
    private static final Principal ECHO = EchoRouter.ECHO;
    private static final byte[] ARG = {'D', 'I', 'D', 'L', 0, 0};

    private final BlsRootKey rootKey = BlsRootKey.random();
    private final BlsRootKey appKey = BlsRootKey.random();
    private final NodeSigningKey appNode = NodeSigningKey.random();
    private final SubnetTopology mainnet = SubnetTopology.mainnet(rootKey, NodeSigningKey.random(), appKey, appNode, now());

    private static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private ReplicaNode core() {
        return new ReplicaNode(new EchoRouter(), mainnet, IcCallerDelegationTest::now, RoundLatency.NONE);
    }

    @Test
    void synchronousCallsPolledCallsAndQueriesAreVerifiedThroughTheDelegation() throws Exception {
        CountingEndpoints replica = new CountingEndpoints(core());
        try (ReplicaHttpServer server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), replica);
             IcCaller caller = IcCaller.connect(pinned(server, rootKey), IcCallerTest.newIdentity())) {
            assertArrayEquals(ARG, caller.update(ECHO, ECHO, "echo", ARG));
            assertEquals(1, replica.synchronousCalls.get());

            replica.answerSynchronousCallsWith202 = true;
            assertArrayEquals(ARG, caller.update(ECHO, ECHO, "echo", ARG));
            assertTrue(replica.readStates.get() >= 1, "the 202 answer is followed by polling read_state");

            assertArrayEquals(ARG, caller.query(ECHO, ECHO, "echo", ARG));
            // A rejected query is signed too, over its reject code, message and error code.
            IcCallException rejected = assertThrows(IcCallException.class, () -> caller.query(ECHO, ECHO, "fail", ARG));
            assertTrue(rejected.isRejection(), rejected.getMessage());
            assertTrue(rejected.hasErrorCode("IC0503"), rejected.getMessage());
        }
    }

    @Test
    void aQueryAnswerChangedAfterItsNodeSignedItIsRefused() throws Exception {
        byte[] forged = {'D', 'I', 'D', 'L', 0, 1, 0x7e, 1};
        ReplicaEndpoints tampering = new ForwardingEndpoints(core()) {
            @Override
            public Map<String, Object> query(VerifiedRequest request, Principal effectiveCanisterId) {
                Map<String, Object> answer = new LinkedHashMap<>(replica.query(request, effectiveCanisterId));
                answer.put("reply", Map.of("arg", forged));
                return answer;
            }
        };
        try (ReplicaHttpServer server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), tampering);
             IcCaller caller = IcCaller.connect(pinned(server, rootKey), IcCallerTest.newIdentity())) {
            IcCallException e = assertThrows(IcCallException.class, () -> caller.query(ECHO, ECHO, "echo", ARG));
            assertEquals(IcCallException.Kind.PROTOCOL, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
        }
        // Where the root key comes from the replica itself, nothing is verified: the same answer passes.
        try (ReplicaHttpServer server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), tampering);
             IcCaller caller = IcCaller.connect(IcNetwork.resolve(server.url().toString()), IcCallerTest.newIdentity())) {
            assertArrayEquals(forged, caller.query(ECHO, ECHO, "echo", ARG));
        }
    }

    @Test
    void aQueryAnswerWithoutNodeSignaturesOrFromAnotherSubnetsNodeIsRefused() throws Exception {
        NodeSigningKey stranger = NodeSigningKey.random();
        for (boolean unsigned : new boolean[] {true, false}) {
            ReplicaEndpoints rogue = new ForwardingEndpoints(core()) {
                @Override
                public Map<String, Object> query(VerifiedRequest request, Principal effectiveCanisterId) {
                    Map<String, Object> answer = new LinkedHashMap<>(replica.query(request, effectiveCanisterId));
                    if (unsigned) {
                        answer.remove("signatures");
                    } else {
                        Map<String, Object> signature = new LinkedHashMap<>((Map<String, Object>) ((List<?>) answer.get("signatures")).get(0));
                        signature.put("identity", stranger.nodeId().bytes());
                        answer.put("signatures", List.of(signature));
                    }
                    return answer;
                }
            };
            try (ReplicaHttpServer server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), rogue);
                 IcCaller caller = IcCaller.connect(pinned(server, rootKey), IcCallerTest.newIdentity())) {
                IcCallException e = assertThrows(IcCallException.class, () -> caller.query(ECHO, ECHO, "echo", ARG));
                assertEquals(IcCallException.Kind.PROTOCOL, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains(unsigned ? "carries no node signature" : "is not a node of subnet"),
                        e.getMessage());
            }
        }
    }

    @Test
    void theApplicationSubnetKeyIsNotARootKey() throws Exception {
        try (ReplicaHttpServer server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), core());
             IcCaller caller = IcCaller.connect(pinned(server, appKey), IcCallerTest.newIdentity())) {
            IcCallException e = assertThrows(IcCallException.class, () -> caller.update(ECHO, ECHO, "echo", ARG));
            assertEquals(IcCallException.Kind.PROTOCOL, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("Certificate verification failed"), e.getMessage());
        }
    }

    @Test
    void aDelegationWhoseRangesExcludeTheCanisterIsRejected() throws Exception {
        Subnet app = mainnet.hosting();
        // Same subnet, same keys, a valid root signature: only the ranges leave the canister out.
        Principal first = Principal.canisterId(Long.parseLong("100", 16));
        Principal last = Principal.canisterId(Long.parseLong("1ff", 16));
        SubnetTopology narrow = SubnetTopology.withDelegation(mainnet.root(),
                new Subnet(app.id(), app.type(), app.key(), app.node(), List.of(new CanisterRange(first, last))), now());
        assertRejectedWith(narrow.delegation().orElseThrow(), "Certificate is not authorized");
    }

    @Test
    void aDelegationSignedByAnotherRootKeyIsRejected() throws Exception {
        SubnetTopology otherRoot = SubnetTopology.mainnet(BlsRootKey.random(), NodeSigningKey.random(), appKey, appNode, now());
        assertRejectedWith(otherRoot.delegation().orElseThrow(), "Certificate verification failed");
    }

    /** Serves the honest replica's certificates with {@code delegation} in place of the honest one. */
    private void assertRejectedWith(SubnetDelegation delegation, String ic4jVerdict) throws Exception {
        ReplicaEndpoints forging = new ForwardingEndpoints(core()) {
            @Override
            public CallResponse call(VerifiedRequest request, Principal effectiveCanisterId, boolean certificateWanted) {
                CallResponse honest = replica.call(request, effectiveCanisterId, certificateWanted);
                if (honest instanceof CallResponse.Accepted accepted && accepted.certificate() != null) {
                    return new CallResponse.Accepted(withDelegation(accepted.certificate(), delegation));
                }
                return honest;
            }
        };
        try (ReplicaHttpServer server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), forging);
             IcCaller caller = IcCaller.connect(pinned(server, rootKey), IcCallerTest.newIdentity(),
                     Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            IcCallException e = assertThrows(IcCallException.class, () -> caller.update(ECHO, ECHO, "echo", ARG));
            assertEquals(IcCallException.Kind.PROTOCOL, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains(ic4jVerdict), e.getMessage());
        }
    }

    private static byte[] withDelegation(byte[] certificate, SubnetDelegation delegation) {
        Map<String, Object> decoded = new LinkedHashMap<>();
        ((Map<?, ?>) Cbor.decode(certificate)).forEach((k, v) -> decoded.put((String) k, v)); // the decoder drops tag 55799
        decoded.put("delegation", delegation.toCbor());
        return Cbor.encode(CborTag.selfDescribed(decoded));
    }

    private static IcNetwork pinned(ReplicaHttpServer server, BlsRootKey key) {
        return IcNetwork.resolve(server.url().toString()).withPinnedRootKey(key.publicKeyDer());
    }
}
