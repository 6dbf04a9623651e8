package io.github.icmaven.replica.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.icmaven.ic.Principal;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.ReplicaTransport;
import org.ic4j.agent.identity.AnonymousIdentity;
import org.ic4j.agent.identity.BasicIdentity;
import org.ic4j.agent.identity.Identity;
import org.ic4j.agent.identity.Secp256k1Identity;
import org.ic4j.agent.requestid.RequestId;
import org.junit.jupiter.api.Test;

/** Envelopes built and signed by a real client (ic4j-agent 0.7.2) pass the verifier with the same request id. */
class Ic4jEnvelopeInteropTest {
    private static final Principal CANISTER = Principal.canisterId(3);

    /** Records the body of every request instead of sending it. */
    private static final class CapturingTransport implements ReplicaTransport {
        byte[] body;

        private static CompletableFuture<ReplicaResponse> empty() {
            ReplicaResponse response = new ReplicaResponse();
            response.payload = new byte[0];
            response.headers = new HashMap<>();
            return CompletableFuture.completedFuture(response);
        }

        @Override
        public CompletableFuture<ReplicaResponse> status() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletableFuture<ReplicaResponse> query(org.ic4j.types.Principal canister, byte[] envelope,
                                                        Map<String, String> headers) {
            body = envelope;
            return CompletableFuture.failedFuture(new UnsupportedOperationException("captured"));
        }

        @Override
        public CompletableFuture<ReplicaResponse> call(org.ic4j.types.Principal canister, byte[] envelope,
                                                       RequestId requestId, Map<String, String> headers) {
            body = envelope;
            return empty();
        }

        @Override
        public CompletableFuture<ReplicaResponse> readState(org.ic4j.types.Principal canister, byte[] envelope,
                                                            Map<String, String> headers) {
            body = envelope;
            return CompletableFuture.failedFuture(new UnsupportedOperationException("captured"));
        }

        @Override
        public void close() {
        }
    }

    private static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private static VerifiedRequest callThrough(Identity identity) throws Exception {
        CapturingTransport transport = new CapturingTransport();
        Agent agent = new AgentBuilder().transport(transport).identity(identity).build();
        org.ic4j.types.Principal canister = org.ic4j.types.Principal.from(CANISTER.bytes());
        byte[] arg = {0x44, 0x49, 0x44, 0x4c, 0, 0};
        long before = now();
        RequestId clientId = agent.updateRaw(canister, canister, "greet", arg, Optional.empty()).get();
        VerifiedRequest request = EnvelopeVerifier.verify(transport.body, "call", before);
        assertArrayEquals(clientId.get(), request.requestId());
        assertEquals(Principal.of(identity.sender().getValue()), request.sender());
        assertEquals(CANISTER, request.canisterId());
        assertEquals("greet", request.methodName());
        assertArrayEquals(arg, request.arg());
        return request;
    }

    @Test
    void ed25519BasicIdentity() throws Exception {
        KeyPair keyPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        callThrough(BasicIdentity.fromKeyPair(keyPair));
    }

    @Test
    void secp256k1Identity() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        callThrough(Secp256k1Identity.fromKeyPair(generator.generateKeyPair()));
    }

    @Test
    void anonymousIdentity() throws Exception {
        assertEquals(Principal.ANONYMOUS, callThrough(new AnonymousIdentity()).sender());
    }

    @Test
    void readStateEnvelope() throws Exception {
        KeyPair keyPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        CapturingTransport transport = new CapturingTransport();
        Agent agent = new AgentBuilder().transport(transport).identity(BasicIdentity.fromKeyPair(keyPair)).build();
        org.ic4j.types.Principal canister = org.ic4j.types.Principal.from(CANISTER.bytes());
        byte[] requestId = new byte[32];
        long before = now();
        try {
            agent.requestStatusRaw(RequestId.fromHexString("00".repeat(32)), canister).get();
        } catch (Exception | Error expected) {
            // The transport refuses to answer; only the captured body matters.
        }
        assertNotNull(transport.body);
        VerifiedRequest request = EnvelopeVerifier.verify(transport.body, "read_state", before);
        List<byte[]> path = request.paths().get(0);
        assertArrayEquals("request_status".getBytes(), path.get(0));
        assertArrayEquals(requestId, path.get(1));
    }
}
