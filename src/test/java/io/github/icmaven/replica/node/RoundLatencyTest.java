package io.github.icmaven.replica.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.NodeSigningKey;
import io.github.icmaven.replica.http.ReplicaHttpServer;
import java.net.InetSocketAddress;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.NonceFactory;
import org.ic4j.agent.http.ReplicaApacheHttpTransport;
import org.ic4j.agent.identity.BasicIdentity;
import org.ic4j.agent.requestid.RequestId;
import org.ic4j.types.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A replica with a simulated round: update calls wait for it, calls sent together share it, the rest does not wait. */
class RoundLatencyTest {
    private static final long ROUND_MILLIS = 1000;
    private static final Principal ECHO = Principal.fromString(EchoRouter.ECHO.toText());
    private static final byte[] ARG = {'D', 'I', 'D', 'L', 0, 0};

    private static ReplicaHttpServer server;
    private static Agent agent;

    @BeforeAll
    static void start() throws Exception {
        ReplicaNode core = new ReplicaNode(new EchoRouter(), BlsRootKey.random(), NodeSigningKey.random(),
                () -> System.currentTimeMillis() * 1_000_000L, RoundLatency.ofMillis(ROUND_MILLIS));
        server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), core);
        agent = new AgentBuilder().transport(ReplicaApacheHttpTransport.create(server.url().toString()))
                .identity(BasicIdentity.fromKeyPair(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()))
                .nonceFactory(new NonceFactory()).build();
        agent.fetchRootKey();
        agent.queryRaw(ECHO, ECHO, "warm-up", ARG, Optional.empty()).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        agent.close();
        server.close();
    }

    @Test
    void anUpdateCallIsAnsweredAfterItsRound() throws Exception {
        long millis = millisOf(() -> agent.updateRaw(ECHO, ECHO, "echo", ARG, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertTrue(millis >= ROUND_MILLIS, "answered after " + millis + " ms");
    }

    @Test
    void callsSentTogetherShareARound() throws Exception {
        int calls = 4;
        long millis = millisOf(() -> {
            List<CompletableFuture<RequestId>> sent = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                sent.add(agent.updateRaw(ECHO, ECHO, "echo", ARG, Optional.empty()));
            }
            for (CompletableFuture<RequestId> call : sent) {
                call.get(10, TimeUnit.SECONDS);
            }
            return null;
        });
        assertTrue(millis >= ROUND_MILLIS && millis < calls * ROUND_MILLIS, calls + " calls took " + millis + " ms");
    }

    @Test
    void queriesAndCallsRefusedBeforeConsensusDoNotWait() throws Exception {
        long query = millisOf(() -> {
            assertArrayEquals(ARG, agent.queryRaw(ECHO, ECHO, "echo", ARG, Optional.empty()).get(10, TimeUnit.SECONDS));
            return null;
        });
        assertTrue(query < ROUND_MILLIS, "query took " + query + " ms");
        Principal missing = Principal.fromString(io.github.icmaven.ic.Principal.canisterId(8).toText());
        // ic4j takes the refusal (200 with a rejection body) for an accepted call: only its timing is looked at.
        long refused = millisOf(() -> agent.updateRaw(missing, missing, "echo", ARG, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertTrue(refused < ROUND_MILLIS, "refusal took " + refused + " ms");
    }

    private interface Timed {
        Object run() throws Exception;
    }

    private static long millisOf(Timed action) throws Exception {
        long started = System.nanoTime();
        action.run();
        return (System.nanoTime() - started) / 1_000_000;
    }
}
