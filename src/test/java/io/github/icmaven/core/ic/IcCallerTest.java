package io.github.icmaven.core.ic;

import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.NodeSigningKey;
import io.github.icmaven.replica.node.EchoRouter;
import io.github.icmaven.replica.node.ReplicaNode;
import io.github.icmaven.replica.http.ReplicaHttpServer;
import io.github.icmaven.replica.http.ReplicaProxy;
import org.ic4j.agent.identity.Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IcCaller} over real HTTP against the replica core with an echo canister: synchronous calls and
 * polling, certificate checks with a fetched root key, and how each kind of failure is reported.
 */
@Timeout(60)
class IcCallerTest {
    static final Principal ECHO = EchoRouter.ECHO;
    private static final byte[] ARG = {'D', 'I', 'D', 'L', 0, 0};

    private static ReplicaHttpServer server;
    private static CountingEndpoints replica;
    private static IcCaller caller;

    @BeforeAll
    static void start() throws Exception {
        ReplicaNode core = new ReplicaNode(new EchoRouter(), BlsRootKey.random(), NodeSigningKey.random(),
                () -> System.currentTimeMillis() * 1_000_000L);
        replica = new CountingEndpoints(core);
        server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), replica);
        caller = IcCaller.connect(IcNetwork.resolve(server.url().toString()), newIdentity());
    }

    @AfterAll
    static void stop() {
        if (caller != null) {
            caller.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void updateRepliesComeWithTheCallWithoutPolling() throws Exception {
        replica.reset();
        assertArrayEquals(ARG, caller.update(ECHO, ECHO, "echo", ARG));
        assertEquals(1, replica.synchronousCalls.get());
        assertEquals(0, replica.readStates.get(), "read_state requests (polls)");
    }

    @Test
    void callsAnswered202ArePolledPromptly() throws Exception {
        caller.update(ECHO, ECHO, "echo", ARG); // connection set-up and JIT warm-up are not polling
        replica.answerSynchronousCallsWith202 = true;
        try {
            replica.reset();
            long started = System.nanoTime();
            assertArrayEquals(ARG, caller.update(ECHO, ECHO, "echo", ARG));
            long millis = (System.nanoTime() - started) / 1_000_000;
            // The call is done when its 202 arrives: the first poll (after 5 ms) finds it.
            assertEquals(1, replica.readStates.get(), "read_state requests (polls)");
            assertTrue(millis < 900, "well under ic4j's whole-second waiter, took " + millis + " ms");
        } finally {
            replica.answerSynchronousCallsWith202 = false;
        }
    }

    @Test
    void replicasWithoutTheSynchronousEndpointArePolled() throws Exception {
        try (ReplicaProxy older = ReplicaProxy.refusing(server.url(), path -> path.matches("/api/v[34]/canister/[^/]+/call"));
             IcCaller polling = IcCaller.connect(IcNetwork.resolve(older.url().toString()), newIdentity())) {
            replica.reset();
            assertArrayEquals(ARG, polling.update(ECHO, ECHO, "echo", ARG));
            assertArrayEquals(ARG, polling.update(ECHO, ECHO, "echo", ARG));
            assertEquals(0, replica.synchronousCalls.get());
            assertEquals(2, replica.asynchronousCalls.get());
            assertTrue(replica.readStates.get() >= 2, "polls: " + replica.readStates.get());
        }
    }

    @Test
    void identicalCallsAreNotDeduplicated() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(ARG, caller.update(ECHO, ECHO, "echo", ARG));
        }
    }

    @Test
    void queriesReply() throws Exception {
        assertArrayEquals(ARG, caller.query(ECHO, ECHO, "echo", ARG));
    }

    @Test
    void rejectedUpdatesKeepRejectAndErrorCode() {
        IcCallException e = assertThrows(IcCallException.class, () -> caller.update(ECHO, ECHO, "fail", ARG));
        assertEquals(IcCallException.Kind.REJECTED, e.kind());
        assertEquals(Optional.of(RejectCode.CANISTER_ERROR), e.rejectCode());
        assertEquals(Optional.of("IC0503"), e.errorCode());
        assertTrue(e.replicaMessage().contains("trapped"));
        assertEquals("fail", e.method());
        assertFalse(e.isTransient());
    }

    @Test
    void rejectedQueriesAreParsedFromIc4jText() {
        IcCallException e = assertThrows(IcCallException.class, () -> caller.query(ECHO, ECHO, "fail", ARG));
        assertEquals(IcCallException.Kind.REJECTED, e.kind());
        assertEquals(Optional.of(RejectCode.CANISTER_ERROR), e.rejectCode(), e.getMessage());
        assertTrue(e.replicaMessage().contains("trapped"), e.replicaMessage());
    }

    @Test
    void ingressRefusalFailsAtOnceInsteadOfPollingUntilExpiry() {
        Principal missing = Principal.canisterId(8);
        long started = System.nanoTime();
        IcCallException e = assertThrows(IcCallException.class, () -> caller.update(missing, missing, "echo", ARG));
        assertTrue(System.nanoTime() - started < 5_000_000_000L);
        assertEquals(IcCallException.Kind.REJECTED, e.kind(), e.getMessage());
        assertEquals(Optional.of(RejectCode.DESTINATION_INVALID), e.rejectCode());
        assertEquals(Optional.of("IC0301"), e.errorCode());
    }

    @Test
    void unreachableReplicaIsATransientNetworkFailure() throws Exception {
        IcNetwork nowhere = new IcNetwork("nowhere", java.net.URI.create("http://127.0.0.1:9"), false);
        try (IcCaller unreachable = IcCaller.connect(nowhere, newIdentity(), Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            IcCallException e = assertThrows(IcCallException.class, () -> unreachable.update(ECHO, ECHO, "echo", ARG));
            assertEquals(IcCallException.Kind.NETWORK, e.kind(), e.getMessage());
            assertTrue(e.isTransient());
        }
    }

    @Test
    void certificatesUnderAnotherRootKeyAreRejected() throws Exception {
        // A different root key than the replica's: certificates fail verification.
        IcNetwork wrongKey = new IcNetwork("wrong key", server.url(), false);
        try (IcCaller misled = IcCaller.connect(wrongKey, newIdentity(), Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            IcCallException e = assertThrows(IcCallException.class, () -> misled.update(ECHO, ECHO, "echo", ARG));
            assertEquals(IcCallException.Kind.PROTOCOL, e.kind(), e.getMessage());
        }
    }

    static Identity newIdentity() throws Exception {
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        return new IdentityLoader(Path.of("unused")).fromPemText(pem, "test identity").identity();
    }
}
