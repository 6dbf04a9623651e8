package io.github.icmaven.replica.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.NodeSigningKey;
import io.github.icmaven.replica.http.ReplicaHttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.RequestStatusResponse;
import org.ic4j.agent.http.ReplicaApacheHttpTransport;
import org.ic4j.agent.identity.BasicIdentity;
import org.ic4j.agent.requestid.RequestId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP interface and replica core as a real client sees them, over a router with one echo canister. */
class ReplicaNodeHttpTest {
    static final Principal ECHO = EchoRouter.ECHO;
    static final byte[] MODULE_HASH = new byte[32];

    static ReplicaHttpServer server;
    static Agent agent;


    @BeforeAll
    static void start() throws Exception {
        ReplicaNode core = new ReplicaNode(new EchoRouter(), BlsRootKey.random(), NodeSigningKey.random(),
                () -> System.currentTimeMillis() * 1_000_000L);
        server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), core);
        BasicIdentity identity = BasicIdentity.fromKeyPair(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        agent = new AgentBuilder().transport(ReplicaApacheHttpTransport.create(server.url().toString()))
                .identity(identity).build();
        agent.fetchRootKey();
    }

    @AfterAll
    static void stop() {
        agent.close();
        server.close();
    }

    @Test
    void updateCallIsCertifiedAndPollable() throws Exception {
        org.ic4j.types.Principal echo = org.ic4j.types.Principal.fromString(ECHO.toText());
        byte[] arg = {'D', 'I', 'D', 'L', 0, 0};
        RequestId id = agent.updateRaw(echo, echo, "anything", arg, Optional.empty()).get(10, TimeUnit.SECONDS);
        RequestStatusResponse status = agent.requestStatusRaw(id, echo).get(10, TimeUnit.SECONDS);
        assertEquals(RequestStatusResponse.REPLIED_STATUS_VALUE, status.status.toString());
        assertArrayEquals(arg, status.replied.get().arg);
    }

    @Test
    void rejectedCallCarriesTheRejectInItsStatus() throws Exception {
        org.ic4j.types.Principal echo = org.ic4j.types.Principal.fromString(ECHO.toText());
        RequestId id = agent.updateRaw(echo, echo, "fail", new byte[0], Optional.empty()).get(10, TimeUnit.SECONDS);
        RequestStatusResponse status = agent.requestStatusRaw(id, echo).get(10, TimeUnit.SECONDS);
        assertEquals(RequestStatusResponse.REJECTED_STATUS_VALUE, status.status.toString());
        assertEquals(5, status.rejected.get().rejectCode.intValue());
        assertTrue(status.rejected.get().rejectMessage.contains("trapped"));
    }

    @Test
    void queryIsAnsweredAndSigned() throws Exception {
        org.ic4j.types.Principal echo = org.ic4j.types.Principal.fromString(ECHO.toText());
        byte[] arg = {1, 2, 3};
        byte[] reply = agent.queryRaw(echo, echo, "q", arg, Optional.empty()).get(10, TimeUnit.SECONDS);
        assertArrayEquals(arg, reply);
    }

    @Test
    void readStateCertifiesPublicMetadata() throws Exception {
        org.ic4j.types.Principal echo = org.ic4j.types.Principal.fromString(ECHO.toText());
        byte[] candid = agent.metadataRaw(echo, echo, "candid:service").get(10, TimeUnit.SECONDS);
        assertEquals("service : {}", new String(candid, StandardCharsets.UTF_8));
    }

    @Test
    void sequentialRequestsDoNotWaitForDelayedAcks() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest status = HttpRequest.newBuilder(server.url().resolve("/api/v2/status")).build();
        http.send(status, HttpResponse.BodyHandlers.ofByteArray()); // connection set-up is not what is measured
        int requests = 20;
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            assertEquals(200, http.send(status, HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        // With Nagle's algorithm on the server socket each answer waits for the client's 40 ms delayed ACK.
        assertTrue(millis < requests * 30, requests + " status requests took " + millis + " ms");
    }

    @Test
    void statusAndHttpErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI base = server.url();
        HttpResponse<byte[]> status = http.send(HttpRequest.newBuilder(base.resolve("/api/v2/status")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, status.statusCode());
        HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(base.resolve("/api/v3/canister/" + ECHO + "/query"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff})).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, garbage.statusCode());
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(base.resolve("/api/v9/nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
    }
}
