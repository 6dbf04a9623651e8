package io.github.icmaven.replica.conformance;

import static io.github.icmaven.replica.conformance.Ic4jCandid.asNat64;
import static io.github.icmaven.replica.conformance.Ic4jCandid.decodeOne;
import static io.github.icmaven.replica.conformance.Ic4jCandid.encodeEmpty;
import static io.github.icmaven.replica.conformance.IcClient.lookupFound;
import static io.github.icmaven.replica.conformance.IcClient.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.icmaven.replica.Topology;
import io.github.icmaven.replica.conformance.Management.Mode;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ic4j.agent.Subnet;
import org.ic4j.agent.certification.Certificate;
import org.ic4j.agent.certification.Delegation;
import org.ic4j.agent.certification.hashtree.LookupResult;
import org.ic4j.types.Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The whole ic4j suite again against the mainnet topology, with the root key pinned in the agents, plus
 * what only that topology has: certificates signed by the application subnet and delegated by the root
 * subnet, whose canister ranges ic4j checks (that it rejects ranges without the canister: CertificatesTest).
 */
class Ic4jMainnetConformanceTest extends Ic4jConformanceTest {
    /** The first id of the application subnet's only range: the shard's label under /canister_ranges/<subnet>. */
    private static final byte[] FIRST_CANISTER_ID = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
    private static final ObjectMapper CERTIFICATES = new ObjectMapper(new CBORFactory()).registerModule(new Jdk8Module());

    /** Hides the single-subnet start of the suite: JUnit runs this one instead. */
    @BeforeAll
    static void startReplicaAndAgents() throws Exception {
        start(Topology.MAINNET);
    }

    @Test
    @Order(100)
    void certificatesComeFromTheApplicationSubnetWithADelegationFromTheRootSubnet() throws Exception {
        Principal canister = createCanister(controller);
        Certificate certificate = controller.readState(canister,
                List.of(List.of(utf8("canister"), canister.getValue(), utf8("controllers"))));
        Delegation delegation = certificate.delegation.orElseThrow(() -> new AssertionError("no delegation"));
        Principal subnet = Principal.from(delegation.subnetId);
        byte[] rootKey = HexFormat.of().parseHex(replica.rootKeyHex());
        assertEquals(replica.subnetId().toText(), subnet.toString());
        assertNotEquals(Principal.selfAuthenticating(rootKey), subnet, "the canisters are not on the root subnet");

        Certificate rootSubnetCertificate = CERTIFICATES.readValue(delegation.certificate, Certificate.class);
        assertTrue(rootSubnetCertificate.delegation == null || rootSubnetCertificate.delegation.isEmpty(),
                "a delegation's certificate has no delegation itself");
        byte[] subnetKey = lookupFound(rootSubnetCertificate, utf8("subnet"), subnet.getValue(), utf8("public_key"));
        assertFalse(Arrays.equals(rootKey, subnetKey), "the application subnet has a key of its own");
        assertEquals(subnet, Principal.selfAuthenticating(subnetKey), "subnet id = self-authenticating id of its key");

        // The ranges at both places the spec puts them, the same, and covering the canister.
        byte[] ranges = lookupFound(rootSubnetCertificate, utf8("subnet"), subnet.getValue(), utf8("canister_ranges"));
        byte[] firstShard = lookupFound(rootSubnetCertificate, utf8("canister_ranges"), subnet.getValue(),
                FIRST_CANISTER_ID);
        assertArrayEquals(ranges, firstShard);
        List<?> bounds = (List<?>) CERTIFICATES.readValue(ranges, List.class).get(0);
        assertTrue(Arrays.compareUnsigned((byte[]) bounds.get(0), canister.getValue()) <= 0
                && Arrays.compareUnsigned(canister.getValue(), (byte[]) bounds.get(1)) <= 0);

        controller.agent.verify(certificate, canister, false);
    }

    @Test
    @Order(102)
    void queriesAreSignedByTheApplicationSubnetsNode() throws Exception {
        Principal canister = createCanister(controller);
        install(controller, canister, Mode.INSTALL, v1);
        controller.update(canister, canister, "inc", encodeEmpty()).expectReply();
        IcClient.QueryAnswer answer = controller.queryWithSignatures(canister, canister, "get", encodeEmpty());
        assertEquals(1, controller.verifyNodeSignatures(answer, canister));
        // After the subnet is fetched (above), as in the base suite: with the subnet not yet cached, ic4j's
        // verified queryRaw fetches it inside its own future and twice hung here until the 20 s timeout.
        assertEquals(1, asNat64(decodeOne(controller.queryRawVerified(canister, "get", encodeEmpty()))));
        Subnet subnet = controller.agent.fetchSubnetByCanister(canister, canister);
        Certificate rootSubnetCertificate = CERTIFICATES.readValue(controller.readState(canister,
                List.of(List.of(utf8("time")))).delegation.orElseThrow().certificate, Certificate.class);
        assertArrayEquals(lookupFound(rootSubnetCertificate, utf8("subnet"),
                Principal.fromString(replica.subnetId().toText()).getValue(), utf8("public_key")), subnet.key,
                "the node keys are read from the application subnet");
    }

    @Test
    @Order(103)
    void subnetReadStateV3AnswersForTheApplicationSubnetNotForTheRootSubnet() throws Exception {
        Principal app = Principal.fromString(replica.subnetId().toText());
        Principal root = Principal.selfAuthenticating(HexFormat.of().parseHex(replica.rootKeyHex()));
        List<List<byte[]>> paths = List.of(List.of(utf8("canister_ranges"), app.getValue()), List.of(utf8("subnet"), app.getValue()));
        RawRequests raw = new RawRequests(url);
        byte[] request = RawRequests.envelope(RawRequests.readStateContent(Principal.fromString("2vxsx-fae"), paths,
                RawRequests.expiryInMinutes(4)), null, null);

        RawRequests.Answer answer = raw.post("/api/v3/subnet/" + app + "/read_state", request);
        assertEquals(200, answer.status(), answer.toString());
        Map<?, ?> body = CERTIFICATES.readValue(answer.body(), Map.class);
        Certificate certificate = CERTIFICATES.readValue((byte[]) body.get("certificate"), Certificate.class);
        assertArrayEquals(app.getValue(), certificate.delegation.orElseThrow().subnetId, "the effective subnet is the delegation's");
        assertEquals("application", new String(lookupFound(certificate, utf8("subnet"), app.getValue(), utf8("type")), UTF_8));
        lookupFound(certificate, utf8("canister_ranges"), app.getValue(), FIRST_CANISTER_ID);
        // From v3 on a non-root subnet's /subnet/<id>/canister_ranges stays out, though /subnet/<id> was asked for.
        assertEquals(LookupResult.LookupResultStatus.UNKNOWN,
                IcClient.lookup(certificate, utf8("subnet"), app.getValue(), utf8("canister_ranges")).status);
        controller.agent.verify(certificate, Principal.from(FIRST_CANISTER_ID), false);

        RawRequests.Answer elsewhere = raw.post("/api/v3/subnet/" + root + "/read_state", request);
        assertEquals(400, elsewhere.status(), "the replica is no node of the root subnet: " + elsewhere);
    }
}
