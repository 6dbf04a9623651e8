package io.github.icmaven.replica.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
class ReplicaCoreHttpTest {
    static final Principal ECHO = Principal.canisterId(7);
    static final byte[] MODULE_HASH = new byte[32];

    static ReplicaHttpServer server;
    static Agent agent;

    /** Echo replies with its argument; method "fail" rejects like a trapping canister. */
    static final class EchoRouter implements MessageRouter {
        @Override
        public Optional<Principal> effectiveCanisterId(Principal canisterId, String method, byte[] arg) {
            return Optional.of(canisterId);
        }

        @Override
        public void acceptIngress(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
            if (!canisterId.equals(ECHO)) {
                throw new IcReject(RejectCode.DESTINATION_INVALID, "IC0301", "Canister " + canisterId + " not found");
            }
        }

        @Override
        public byte[] update(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
            if (method.equals("fail")) {
                throw new IcReject(RejectCode.CANISTER_ERROR, "IC0503", "Error from Canister " + ECHO + ": trapped");
            }
            return arg;
        }

        @Override
        public byte[] query(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
            return update(caller, canisterId, method, arg);
        }

        @Override
        public List<CanisterView> canisters() {
            return List.of(new CanisterView(ECHO, List.of(Principal.ANONYMOUS), Optional.of(MODULE_HASH),
                    Map.of("candid:service", "service : {}".getBytes(StandardCharsets.UTF_8)), Map.of(),
                    new byte[0], OptionalLong.of(1L), OptionalLong.of(2L)));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ReplicaCore core = new ReplicaCore(new EchoRouter(), BlsRootKey.random(), NodeSigningKey.random(),
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
