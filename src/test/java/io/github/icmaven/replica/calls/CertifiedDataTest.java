package io.github.icmaven.replica.calls;

import static io.github.icmaven.replica.calls.CallTestCanisters.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.Topology;
import io.github.icmaven.testcanisters.TestIdentities;
import io.github.icmaven.testcanisters.TestReplica;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.certification.Certificate;
import org.ic4j.agent.certification.hashtree.Label;
import org.ic4j.agent.certification.hashtree.LookupResult;
import org.ic4j.agent.http.ReplicaApacheHttpTransport;
import org.ic4j.agent.identity.AnonymousIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certified data as a canister and its clients see it: set in an update, certified in the state tree
 * (read_state) and in the data certificate a non-replicated query gets, restored by a snapshot load;
 * and the root key a canister reads.
 */
class CertifiedDataTest {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory()).registerModule(new Jdk8Module());

    private static TestReplica replica;
    private static ManagementCanisterClient client;
    private static Agent anonymous;

    @BeforeAll
    static void start() throws Exception {
        replica = TestReplica.start(TestIdentities.newEd25519());
        client = replica.client();
        anonymous = new AgentBuilder().transport(ReplicaApacheHttpTransport.create(replica.url().toString()))
                .identity(new AnonymousIdentity()).build();
        anonymous.fetchRootKey();
    }

    @AfterAll
    static void stop() throws Exception {
        anonymous.close();
        replica.close();
    }

    @Test
    void aQueryGetsASignedCertificateOfWhatTheCanisterCertified() throws Exception {
        Principal canister = CallTestCanisters.install(client, "callee");
        client.callUpdate(canister, "set_certified", utf8("hello, certified world"));

        Certificate certificate = CBOR.readValue(client.callQuery(canister, "certificate", new byte[0]),
                Certificate.class);

        assertArrayEquals(utf8("hello, certified world"), certifiedData(certificate, canister));
        assertNotNull(lookup(certificate, List.of(new Label("time"))), "the certificate has the time");
        assertTrue(certificate.delegation == null || certificate.delegation.isEmpty());
        assertTrue(CallTestCanisters.signedByRootKey(certificate, replica.rootKeyDer()),
                "signed by the replica's root key");
        anonymous.verify(certificate, org.ic4j.types.Principal.from(canister.bytes()), false);
    }

    @Test
    void inTheMainnetTopologyTheDataCertificateIsTheApplicationSubnetsWithItsDelegation() throws Exception {
        try (TestReplica mainnet = TestReplica.start(TestIdentities.newEd25519(), Topology.MAINNET)) {
            Principal canister = CallTestCanisters.install(mainnet.client(), "callee");
            mainnet.client().callUpdate(canister, "set_certified", utf8("certified on the app subnet"));

            Certificate certificate = CBOR.readValue(mainnet.client().callQuery(canister, "certificate", new byte[0]),
                    Certificate.class);

            assertArrayEquals(utf8("certified on the app subnet"), certifiedData(certificate, canister));
            assertTrue(certificate.delegation != null && certificate.delegation.isPresent(),
                    "a certificate of the application subnet carries the root subnet's delegation");
            assertEquals(mainnet.replica().subnetId(),
                    Principal.of(certificate.delegation.get().subnetId));
            assertTrue(!CallTestCanisters.signedByRootKey(certificate, mainnet.rootKeyDer()),
                    "signed by the application subnet's key, not the root key");
            Agent pinned = new AgentBuilder().transport(ReplicaApacheHttpTransport.create(mainnet.url().toString()))
                    .identity(new AnonymousIdentity()).build();
            try {
                pinned.setRootKey(mainnet.rootKeyDer());
                pinned.verify(certificate, org.ic4j.types.Principal.from(canister.bytes()), false);
            } finally {
                pinned.close();
            }
        }
    }

    @Test
    void readStateCertifiesTheSameCertifiedData() throws Exception {
        Principal canister = CallTestCanisters.install(client, "callee");
        client.callUpdate(canister, "set_certified", utf8("via read_state"));

        Certificate certificate = anonymous.readStateRaw(org.ic4j.types.Principal.from(canister.bytes()),
                List.of(List.of(utf8("canister"), canister.bytes(), utf8("certified_data"))), null).get().certificate;

        assertArrayEquals(utf8("via read_state"), certifiedData(certificate, canister));
    }

    @Test
    void noCertificateWhenTheQueryRunsReplicated() throws Exception {
        Principal canister = CallTestCanisters.install(client, "callee");
        client.callUpdate(canister, "set_certified", utf8("x"));

        assertEquals("none", new String(client.callUpdate(canister, "certificate", new byte[0]), StandardCharsets.UTF_8));
    }

    @Test
    void snapshotLoadRestoresTheCertifiedData() throws Exception {
        Principal canister = CallTestCanisters.install(client, "callee");
        client.callUpdate(canister, "set_certified", utf8("before the snapshot"));
        SnapshotInfo snapshot = client.takeCanisterSnapshot(canister, Optional.empty());
        client.callUpdate(canister, "set_certified", utf8("after the snapshot"));

        client.stopCanister(canister);
        client.loadCanisterSnapshot(canister, snapshot.id());
        client.startCanister(canister);

        Certificate certificate = CBOR.readValue(client.callQuery(canister, "certificate", new byte[0]),
                Certificate.class);
        assertArrayEquals(utf8("before the snapshot"), certifiedData(certificate, canister));
    }

    @Test
    void aCanisterReadsTheRootKeyInReplicatedModeOnly() throws Exception {
        Principal canister = CallTestCanisters.install(client, "callee");

        assertArrayEquals(replica.rootKeyDer(), client.callUpdate(canister, "root_key", new byte[0]));

        IcCallException e = assertThrows(IcCallException.class,
                () -> client.callQuery(canister, "root_key_in_query", new byte[0]));
        assertEquals(io.github.icmaven.ic.RejectCode.CANISTER_ERROR, e.rejectCode().orElseThrow());
        assertTrue(e.replicaMessage().contains("\"ic0.root_key_size\" cannot be executed in non-replicated query mode"),
                e.replicaMessage());
    }

    @Test
    void aSystemApiFunctionTheReplicaLacksIsRejectedByName() throws Exception {
        Principal canister = CallTestCanisters.install(client, "callee");

        IcCallException e = assertThrows(IcCallException.class, () -> client.callUpdate(canister, "burn", new byte[0]));

        assertEquals("IC0505", e.errorCode().orElseThrow());
        assertEquals("Error from Canister " + canister + ": Canister uses ic0.cycles_burn128, which the embedded"
                + " replica does not implement (a limit of ic-maven-plugin's replica, not of your canister).",
                e.replicaMessage());
    }

    private static byte[] certifiedData(Certificate certificate, Principal canister) {
        return lookup(certificate, List.of(new Label("canister"), new Label(canister.bytes()),
                new Label("certified_data")));
    }

    private static byte[] lookup(Certificate certificate, List<Label> path) {
        // ic4j's lookupPath consumes its argument.
        LookupResult result = certificate.tree.lookupPath(new ArrayList<>(path));
        return result != null && result.status == LookupResult.LookupResultStatus.FOUND ? result.value : null;
    }
}
