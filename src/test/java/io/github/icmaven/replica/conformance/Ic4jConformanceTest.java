package io.github.icmaven.replica.conformance;

import static io.github.icmaven.replica.conformance.Ic4jCandid.NAT32;
import static io.github.icmaven.replica.conformance.Ic4jCandid.NAT64;
import static io.github.icmaven.replica.conformance.Ic4jCandid.asNat64;
import static io.github.icmaven.replica.conformance.Ic4jCandid.asText;
import static io.github.icmaven.replica.conformance.Ic4jCandid.decodeOne;
import static io.github.icmaven.replica.conformance.Ic4jCandid.decodesToNoValues;
import static io.github.icmaven.replica.conformance.Ic4jCandid.encodeEmpty;
import static io.github.icmaven.replica.conformance.IcClient.lookup;
import static io.github.icmaven.replica.conformance.IcClient.lookupFound;
import static io.github.icmaven.replica.conformance.IcClient.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.Topology;
import io.github.icmaven.replica.conformance.Management.CanisterStatus;
import io.github.icmaven.replica.conformance.Management.DataKind;
import io.github.icmaven.replica.conformance.Management.Mode;
import io.github.icmaven.replica.conformance.Management.Snapshot;
import io.github.icmaven.replica.conformance.Management.SnapshotMetadata;
import io.github.icmaven.testcanisters.TestCanisters;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.ic4j.agent.certification.Certificate;
import org.ic4j.agent.certification.hashtree.LookupResult;
import org.ic4j.agent.identity.AnonymousIdentity;
import org.ic4j.agent.identity.BasicIdentity;
import org.ic4j.agent.identity.Secp256k1Identity;
import org.ic4j.agent.requestid.RequestId;
import org.ic4j.candid.parser.IDLValue;
import org.ic4j.types.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Drives the embedded replica with the real ic4j-agent 0.7.2 client: its own CBOR, request ids, Ed25519 and
 * secp256k1 signatures, read_state polling and BLS certificate verification, and ic4j-candid for every
 * management canister argument and reply. Every assertion is about something a user of the replica sees:
 * values, module hashes, statuses, ids, reject codes and messages, HTTP status codes.
 *
 * <p>The replica is started once; every test works on canisters of its own, so tests do not depend on each
 * other (the order only makes the report read like the lifecycle it walks through).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class Ic4jConformanceTest {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final int PAGE = 65536;
    /** (memory 2) in every counter module, never grown. */
    private static final long COUNTER_HEAP_BYTES = 2L * PAGE;
    /** The heap address of the counter in the counter modules. */
    private static final int COUNTER_ADDRESS = 0x100;

    static EmbeddedReplica replica;
    static URI url;
    private static KeyPair controllerKeys;
    private static KeyPair outsiderKeys;
    /** Ed25519 identity from a JDK key pair; controller of the canisters it creates. */
    static IcClient controller;
    /** secp256k1 identity from a BouncyCastle key, loaded through a dfx-style PEM. */
    private static IcClient secp;
    /** Another Ed25519 identity that controls nothing. */
    private static IcClient outsider;
    private static IcClient anonymous;

    static byte[] v1;
    private static byte[] v2;
    private static byte[] v2TrapPostUpgrade;

    @BeforeAll
    static void startReplicaAndAgents() throws Exception {
        start(Topology.SINGLE);
    }

    /**
     * Starts the replica in {@code topology} and the agents. In the mainnet topology the agents are given
     * the root key, as mainnet's is built into clients; in the single one they fetch it.
     */
    static void start(Topology topology) throws Exception {
        v1 = TestCanisters.counterV1();
        v2 = TestCanisters.counterV2();
        v2TrapPostUpgrade = TestCanisters.counterV2TrapPostUpgrade();

        replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral().withTopology(topology));
        url = replica.url();
        byte[] rootKey = topology == Topology.MAINNET ? HexFormat.of().parseHex(replica.rootKeyHex()) : null;

        controllerKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        outsiderKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        controller = IcClient.connect(url, BasicIdentity.fromKeyPair(controllerKeys), "ed25519-controller", rootKey);
        outsider = IcClient.connect(url, BasicIdentity.fromKeyPair(outsiderKeys), "ed25519-outsider", rootKey);
        secp = IcClient.connect(url, secp256k1IdentityThroughPem(), "secp256k1", rootKey);
        anonymous = IcClient.connect(url, new AnonymousIdentity(), "anonymous", rootKey);
    }

    @AfterAll
    static void stopReplica() throws Exception {
        for (IcClient c : new IcClient[] {controller, outsider, secp, anonymous}) {
            if (c != null) {
                c.close();
            }
        }
        if (replica != null) {
            replica.close();
        }
    }

    // ================================================================ 1. create

    @Test
    @Order(1)
    void provisionalCreateMakesTheCallerTheOnlyControllerOfAnEmptyRunningCanister() throws Exception {
        BigInteger amount = new BigInteger("5000000000000");
        Principal canister = Management.decodeCreateResult(controller.manage("provisional_create_canister_with_cycles",
                Management.ID, Management.provisionalCreateArgs(amount, null)).expectReply());

        CanisterStatus status = status(controller, canister);
        assertEquals("running", status.status(), "status of a new canister");
        assertEquals(List.of(controller.sender()), status.controllers(), "controllers of a new canister");
        assertTrue(status.moduleHash().isEmpty(), "a new canister has no module hash");
        assertTrue(status.cycles().signum() > 0 && status.cycles().compareTo(amount) <= 0,
                "cycles " + status.cycles() + " should be in (0, " + amount + "]");

        // The certified state says the same: controllers listed, no module_hash.
        Certificate certificate = controller.readState(canister, List.of(
                List.of(utf8("canister"), canister.getValue(), utf8("controllers")),
                List.of(utf8("canister"), canister.getValue(), utf8("module_hash"))));
        assertEquals(List.of(controller.sender()), certifiedControllers(certificate, canister));
        assertEquals(LookupResult.LookupResultStatus.ABSENT,
                lookup(certificate, utf8("canister"), canister.getValue(), utf8("module_hash")).status,
                "module_hash of an empty canister must be provably absent");

        // Another canister, created with a canister id as effective canister id and explicit controllers.
        Principal second = Management.decodeCreateResult(controller.manage("provisional_create_canister_with_cycles",
                canister, Management.provisionalCreateArgs(null, List.of(controller.sender(), secp.sender())))
                .expectReply());
        assertNotEquals(canister, second, "each canister gets its own id");
        CanisterStatus secondStatus = status(secp, second); // secp256k1-signed call by a controller
        assertEquals(Set.of(controller.sender(), secp.sender()), new HashSet<>(secondStatus.controllers()));

        // A canister created by the secp256k1 identity is controlled by it alone.
        Principal third = createCanister(secp);
        assertEquals(List.of(secp.sender()), status(secp, third).controllers());
        assertEquals(3, Set.of(canister, second, third).size());
    }

    // ================================================================ 2. install

    @Test
    @Order(2)
    void installCodeSetsTheModuleHashInStatusAndInCertifiedState() throws Exception {
        Principal canister = createCanister(controller);
        long versionBefore = status(controller, canister).version();

        install(controller, canister, Mode.INSTALL, v1);

        CanisterStatus status = status(controller, canister);
        assertArrayEquals(RawRequests.sha256(v1), status.moduleHash().orElseThrow(() ->
                new AssertionError("no module_hash after install")), "module_hash = SHA-256 of the installed wasm");
        assertEquals("running", status.status());
        assertTrue(status.version() > versionBefore,
                "install must bump the canister version (" + versionBefore + " -> " + status.version() + ")");

        // ic4j's fetchCertificate reads /canister/<id>/module_hash and verifies the BLS signature.
        Certificate certificate = IcClient.await(controller.agent.fetchCertificate(canister, canister, "module_hash"),
                "fetchCertificate module_hash");
        assertArrayEquals(RawRequests.sha256(v1),
                lookupFound(certificate, utf8("canister"), canister.getValue(), utf8("module_hash")));
        long certifiedTime = RawRequests.readLeb128(lookupFound(certificate, utf8("time")));
        long skew = Math.abs(System.currentTimeMillis() * 1_000_000L - certifiedTime);
        assertTrue(skew < Duration.ofMinutes(5).toNanos(), "certificate time is " + skew / 1e9 + " s off");

        // Public metadata of the module, read by anyone through ic4j's metadataRaw/getIDL.
        assertEquals(TestCanisters.COUNTER_CANDID_SERVICE, outsider.agent.getIDL(canister),
                "icp:public candid:service of the installed module");

        assertEquals(0, get(controller, canister), "a fresh install starts at 0");
        assertEquals("v1", version(controller, canister));
    }

    // ================================================================ 3. update and query

    @Test
    @Order(3)
    void updatesChangeStateAndQueriesReadItWithNodeSignatures() throws Exception {
        Principal canister = freshCounter();

        assertEquals(1, inc(controller, canister));
        assertEquals(2, inc(controller, canister));

        IcClient.QueryAnswer answer = controller.queryWithSignatures(canister, canister, "get", encodeEmpty());
        assertEquals(2, asNat64(decodeOne(answer.outcome().expectReply())));
        assertTrue(controller.verifyNodeSignatures(answer, canister) >= 1);
        assertEquals(2, asNat64(decodeOne(controller.queryRawVerified(canister, "get", encodeEmpty()))),
                "ic4j queryRaw with query-signature verification");

        assertEquals("v1", version(controller, canister));
        assertEquals("ok", asText(decodeOne(controller.query(canister, "health", encodeEmpty()).expectReply())));
        assertEquals(2, get(anonymous, canister), "anonymous query");
        assertEquals(2, get(secp, canister), "secp256k1-signed query");

        // A query's changes are discarded.
        assertEquals(3, asNat64(decodeOne(controller.query(canister, "inc_in_query", encodeEmpty()).expectReply())));
        assertEquals(2, get(controller, canister), "state after a query that incremented");

        // An argument encoded by ic4j-candid: set(41).
        byte[] reply = controller.update(canister, canister, "set",
                Ic4jCandid.encode(IDLValue.create(41L, NAT64))).expectReply();
        assertTrue(decodesToNoValues(reply), "set replies ()");
        assertEquals(41, get(controller, canister));

        // A trap discards the message's changes and is reported with the canister's message.
        IcClient.Outcome trapped = controller.update(canister, canister, "inc_then_trap", encodeEmpty())
                .expectRejected();
        assertEquals(5, trapped.rejectCode(), trapped.toString());
        assertEquals("IC0503", trapped.errorCode(), trapped.toString());
        assertTrue(trapped.rejectMessage().contains("inc_then_trap traps on purpose"), trapped.toString());
        assertEquals(41, get(controller, canister), "state after a trapped update");
    }

    @Test
    @Order(4)
    void secp256k1AndAnonymousCallersAreAccepted() {
        Principal canister = freshCounter();
        // ic4j does not normalise ECDSA s, so a run of calls covers both low-s and high-s signatures.
        for (int i = 1; i <= 8; i++) {
            assertEquals(i, inc(secp, canister), "secp256k1-signed inc #" + i);
        }
        assertEquals(9, inc(anonymous, canister), "anonymous inc");
        assertEquals(9, get(controller, canister));
    }

    // ================================================================ 4. stop and start

    @Test
    @Order(5)
    void aStoppedCanisterRejectsCallsUntilStarted() {
        Principal canister = freshCounter();
        assertEquals(1, inc(controller, canister));

        assertTrue(decodesToNoValues(controller.manage("stop_canister", canister,
                Management.canisterIdArg(canister)).expectReply()));
        assertEquals("stopped", status(controller, canister).status());

        IcClient.Outcome call = controller.update(canister, canister, "inc", encodeEmpty()).expectRejected();
        assertEquals(5, call.rejectCode(), call.toString());
        assertEquals("IC0508", call.errorCode(), call.toString());
        assertTrue(call.rejectMessage().contains(canister.toString()) && call.rejectMessage().contains("stopped"),
                "the message should name the canister and say it is stopped: " + call);

        IcClient.Outcome query = controller.query(canister, "get", encodeEmpty()).expectRejected();
        assertEquals(5, query.rejectCode(), query.toString());
        assertEquals("IC0508", query.errorCode(), query.toString());

        assertTrue(decodesToNoValues(controller.manage("start_canister", canister,
                Management.canisterIdArg(canister)).expectReply()));
        assertEquals("running", status(controller, canister).status());
        assertEquals(2, inc(controller, canister), "the counter survives stop/start");
    }

    // ================================================================ 5. snapshots

    @Test
    @Order(6)
    void snapshotsTakeListLoadDownloadUploadAndDelete() throws Exception {
        Principal canister = freshCounter();
        inc(controller, canister);
        inc(controller, canister);
        assertTrue(decodesToNoValues(controller.update(canister, canister, "fill_stable",
                Ic4jCandid.encode(IDLValue.create(2, NAT32))).expectReply()));
        long checksum = stableChecksum(canister);

        // take
        stop(canister);
        long before = System.currentTimeMillis() * 1_000_000L;
        Snapshot taken = Management.decodeTakeSnapshotResult(controller.manage("take_canister_snapshot", canister,
                Management.takeSnapshotArgs(canister, null)).expectReply());
        assertSnapshotIdOf(canister, taken.id());
        assertTrue(taken.totalSize() > 0, "total_size " + taken.totalSize());
        assertTrue(Math.abs(taken.takenAtTimestamp() - before) < Duration.ofMinutes(5).toNanos(),
                "taken_at_timestamp " + taken.takenAtTimestamp() + " vs now " + before);
        assertEquals(List.of(hex(taken.id())), snapshotIds(canister), "list after the first snapshot");

        // change, then load: the state of the snapshot is back
        start(canister);
        assertEquals(3, inc(controller, canister));
        stop(canister);
        load(canister, taken.id());
        start(canister);
        assertEquals(2, get(controller, canister), "counter after loading the snapshot");
        assertEquals(checksum, stableChecksum(canister), "stable memory after loading the snapshot");
        assertArrayEquals(RawRequests.sha256(v1), status(controller, canister).moduleHash().orElseThrow());

        // metadata
        SnapshotMetadata metadata = readMetadata(canister, taken.id());
        assertEquals("taken_from_canister", metadata.source());
        assertEquals(taken.takenAtTimestamp(), metadata.takenAtTimestamp());
        assertEquals(v1.length, metadata.wasmModuleSize(), "wasm_module_size");
        assertEquals(COUNTER_HEAP_BYTES, metadata.wasmMemorySize(), "wasm_memory_size");
        assertEquals(3L * PAGE, metadata.stableMemorySize(), "stable_memory_size after fill_stable(2)");
        assertEquals(0, metadata.certifiedData().length, "certified_data");
        assertTrue(metadata.wasmChunkHashes().isEmpty(), "wasm_chunk_store");

        // download
        byte[] wasm = download(canister, taken.id(), DataKind.WASM_MODULE, metadata.wasmModuleSize(), 700);
        assertArrayEquals(v1, wasm, "wasm_module reassembled from 700-byte slices");
        byte[] heap = download(canister, taken.id(), DataKind.WASM_MEMORY, metadata.wasmMemorySize(), PAGE);
        assertEquals(2, ByteBuffer.wrap(heap, COUNTER_ADDRESS, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(),
                "the counter in the downloaded heap");
        byte[] stable = download(canister, taken.id(), DataKind.STABLE_MEMORY, metadata.stableMemorySize(), 100_000);
        assertEquals(checksum, checksumOf(stable), "checksum of the downloaded stable memory");
        assertEquals(0x9E3779B97F4A7C15L * (PAGE / 8 + 1),
                ByteBuffer.wrap(stable, PAGE + 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(),
                "fill_stable pattern word at offset 65544");

        // upload into a new snapshot
        byte[] uploaded = Management.decodeUploadMetadataResult(controller.manage("upload_canister_snapshot_metadata",
                canister, Management.uploadSnapshotMetadataArgs(canister, metadata)).expectReply());
        assertSnapshotIdOf(canister, uploaded);
        assertFalse(Arrays.equals(taken.id(), uploaded), "the uploaded snapshot gets a new id");
        upload(canister, uploaded, DataKind.WASM_MODULE, wasm, 700);
        upload(canister, uploaded, DataKind.WASM_MEMORY, heap, PAGE);
        upload(canister, uploaded, DataKind.STABLE_MEMORY, stable, 100_000);
        SnapshotMetadata uploadedMetadata = readMetadata(canister, uploaded);
        assertEquals("metadata_upload", uploadedMetadata.source());
        assertEquals(metadata.wasmModuleSize(), uploadedMetadata.wasmModuleSize());
        assertEquals(metadata.wasmMemorySize(), uploadedMetadata.wasmMemorySize());
        assertEquals(metadata.stableMemorySize(), uploadedMetadata.stableMemorySize());
        assertEquals(Set.of(hex(taken.id()), hex(uploaded)), new HashSet<>(snapshotIds(canister)));

        // the uploaded snapshot loads to the same state
        start(canister);
        assertEquals(3, inc(controller, canister));
        assertTrue(decodesToNoValues(controller.update(canister, canister, "fill_stable",
                Ic4jCandid.encode(IDLValue.create(4, NAT32))).expectReply()));
        assertNotEquals(checksum, stableChecksum(canister));
        stop(canister);
        load(canister, uploaded);
        start(canister);
        assertEquals(2, get(controller, canister), "counter after loading the uploaded snapshot");
        assertEquals(checksum, stableChecksum(canister), "stable memory after loading the uploaded snapshot");
        assertEquals("v1", version(controller, canister));
        assertArrayEquals(RawRequests.sha256(v1), status(controller, canister).moduleHash().orElseThrow());

        // delete
        assertTrue(decodesToNoValues(controller.manage("delete_canister_snapshot", canister,
                Management.snapshotArgs(canister, taken.id())).expectReply()));
        assertEquals(List.of(hex(uploaded)), snapshotIds(canister), "list after deleting the first snapshot");
        IcClient.Outcome loadDeleted = controller.manage("load_canister_snapshot", canister,
                Management.loadSnapshotArgs(canister, taken.id())).expectRejected();
        assertEquals(3, loadDeleted.rejectCode(), loadDeleted.toString());
        assertEquals("IC0305", loadDeleted.errorCode(), loadDeleted.toString());
        IcClient.Outcome deleteAgain = controller.manage("delete_canister_snapshot", canister,
                Management.snapshotArgs(canister, taken.id())).expectRejected();
        assertEquals("IC0305", deleteAgain.errorCode(), deleteAgain.toString());
        assertEquals(2, get(controller, canister), "a failed load leaves the canister alone");
    }

    // ================================================================ 6. upgrades

    @Test
    @Order(7)
    void upgradeKeepsTheCounterAndAFailedUpgradeChangesNothing() {
        Principal canister = freshCounter();
        for (int i = 0; i < 3; i++) {
            inc(controller, canister);
        }

        // The plugin's pipeline: stop, upgrade, start.
        stop(canister);
        install(controller, canister, Mode.UPGRADE_WITH_EMPTY_OPTIONS, v2);
        start(canister);
        assertEquals("v2", version(controller, canister));
        assertEquals(3, get(controller, canister), "counter carried over by pre/post_upgrade");
        CanisterStatus upgraded = status(controller, canister);
        assertArrayEquals(RawRequests.sha256(v2), upgraded.moduleHash().orElseThrow());
        assertEquals("running", upgraded.status());

        // An upgrade whose post_upgrade traps (sent while running, mode upgrade with null options).
        IcClient.Outcome failed = controller.manage("install_code", canister,
                Management.installCodeArgs(Mode.UPGRADE, canister, v2TrapPostUpgrade, encodeEmpty())).expectRejected();
        assertEquals(5, failed.rejectCode(), failed.toString());
        assertEquals("IC0503", failed.errorCode(), failed.toString());
        assertTrue(failed.rejectMessage().contains("post_upgrade failed on purpose"),
                "the trap message should reach the caller: " + failed);
        assertTrue(failed.rejectMessage().contains(canister.toString()), "the message should name the canister: " + failed);

        CanisterStatus after = status(controller, canister);
        assertArrayEquals(RawRequests.sha256(v2), after.moduleHash().orElseThrow(), "module_hash after a failed upgrade");
        assertEquals(upgraded.version(), after.version(), "a failed upgrade does not bump the canister version");
        assertEquals("running", after.status());
        assertEquals("v2", version(controller, canister));
        assertEquals(3, get(controller, canister), "counter after a failed upgrade");
        assertEquals(4, inc(controller, canister), "the canister keeps working");
    }

    // ================================================================ 7. errors

    @Test
    @Order(8)
    void nonControllersAreRejectedWithTheCanisterNamed() {
        Principal canister = freshCounter();
        byte[] v1Hash = RawRequests.sha256(v1);

        IcClient.Outcome statusCall = outsider.manage("canister_status", canister, Management.canisterIdArg(canister))
                .expectRejected();
        assertNotController(statusCall, canister);

        IcClient.Outcome stopCall = outsider.manage("stop_canister", canister, Management.canisterIdArg(canister))
                .expectRejected();
        assertNotController(stopCall, canister);

        IcClient.Outcome installCall = outsider.manage("install_code", canister,
                Management.installCodeArgs(Mode.UPGRADE, canister, v2, encodeEmpty())).expectRejected();
        assertNotController(installCall, canister);

        IcClient.Outcome snapshotCall = secp.manage("take_canister_snapshot", canister,
                Management.takeSnapshotArgs(canister, null)).expectRejected();
        assertNotController(snapshotCall, canister);

        CanisterStatus status = status(controller, canister);
        assertEquals("running", status.status());
        assertArrayEquals(v1Hash, status.moduleHash().orElseThrow());
        assertEquals("v1", version(controller, canister));
    }

    @Test
    @Order(9)
    void aCanisterThatDoesNotExistIsReportedAsNotFound() throws Exception {
        Principal existing = createCanister(controller);
        Principal missing = unusedCanisterIdInRangeOf(existing);
        IcClient.Outcome call = controller.manage("canister_status", missing, Management.canisterIdArg(missing))
                .expectRejected();
        assertEquals(3, call.rejectCode(), call.toString());
        assertEquals("IC0301", call.errorCode(), call.toString());
        assertTrue(call.rejectMessage().contains(missing.toString()), "the message should name the canister: " + call);
    }

    @Test
    @Order(10)
    void malformedRequestsGetHttp400AndAreNotExecuted() {
        Principal canister = freshCounter();
        RawRequests raw = new RawRequests(url);
        Principal sender = controller.sender();
        byte[] pubkey = controllerKeys.getPublic().getEncoded();
        String callPath = "/api/v2/canister/" + canister + "/call";

        // Control: the hand-built call, correctly signed, is accepted and executed.
        Map<String, Object> content = RawRequests.callContent(sender, canister, "inc", encodeEmpty(),
                RawRequests.expiryInMinutes(4), nonce());
        byte[] id = RawRequests.requestId(content);
        RawRequests.Answer accepted = raw.post(callPath,
                RawRequests.envelope(content, pubkey, RawRequests.signEd25519(controllerKeys, id)));
        assertEquals(202, accepted.status(), "a correctly signed hand-built call: " + accepted);
        IcClient.Outcome outcome = controller.outcomeOf(RequestId.fromHexString(HexFormat.of().formatHex(id)),
                canister, "hand-built inc");
        assertEquals(1, asNat64(decodeOne(outcome.expectReply())));

        // Signature with one bit flipped.
        Map<String, Object> c1 = RawRequests.callContent(sender, canister, "inc", encodeEmpty(),
                RawRequests.expiryInMinutes(4), nonce());
        byte[] sig1 = RawRequests.signEd25519(controllerKeys, RawRequests.requestId(c1));
        sig1[10] ^= 0x01;
        assertHttp400(raw.post(callPath, RawRequests.envelope(c1, pubkey, sig1)), "call with a corrupted signature");

        // Signed with another key than the sender_pubkey.
        Map<String, Object> c2 = RawRequests.callContent(sender, canister, "inc", encodeEmpty(),
                RawRequests.expiryInMinutes(4), nonce());
        assertHttp400(raw.post(callPath, RawRequests.envelope(c2, pubkey,
                RawRequests.signEd25519(outsiderKeys, RawRequests.requestId(c2)))), "call signed by another key");

        // sender is not the principal of sender_pubkey.
        Map<String, Object> c3 = RawRequests.callContent(outsider.sender(), canister, "inc", encodeEmpty(),
                RawRequests.expiryInMinutes(4), nonce());
        assertHttp400(raw.post(callPath, RawRequests.envelope(c3, pubkey,
                RawRequests.signEd25519(controllerKeys, RawRequests.requestId(c3)))), "call whose sender is not its key's");

        // Missing signature for a non-anonymous sender.
        Map<String, Object> c4 = RawRequests.callContent(sender, canister, "inc", encodeEmpty(),
                RawRequests.expiryInMinutes(4), nonce());
        assertHttp400(raw.post(callPath, RawRequests.envelope(c4, null, null)), "unsigned call of a non-anonymous sender");

        // Expired.
        Map<String, Object> c5 = RawRequests.callContent(sender, canister, "inc", encodeEmpty(),
                RawRequests.expiryInMinutes(-10), nonce());
        assertHttp400(raw.post(callPath, RawRequests.envelope(c5, pubkey,
                RawRequests.signEd25519(controllerKeys, RawRequests.requestId(c5)))), "expired call");

        // Not CBOR at all.
        assertHttp400(raw.post(callPath, "this is not CBOR".getBytes()), "a body that is not CBOR");

        // Query and read_state with a corrupted signature.
        Map<String, Object> q = RawRequests.queryContent(sender, canister, "get", encodeEmpty(),
                RawRequests.expiryInMinutes(4));
        byte[] qsig = RawRequests.signEd25519(controllerKeys, RawRequests.requestId(q));
        qsig[0] ^= 0x40;
        assertHttp400(raw.post("/api/v2/canister/" + canister + "/query", RawRequests.envelope(q, pubkey, qsig)),
                "query with a corrupted signature");
        Map<String, Object> rs = RawRequests.readStateContent(sender,
                List.of(List.of(utf8("request_status"), id)), RawRequests.expiryInMinutes(4));
        byte[] rsig = RawRequests.signEd25519(controllerKeys, RawRequests.requestId(rs));
        rsig[63] ^= 0x10;
        assertHttp400(raw.post("/api/v2/canister/" + canister + "/read_state", RawRequests.envelope(rs, pubkey, rsig)),
                "read_state with a corrupted signature");

        assertEquals(1, get(controller, canister), "only the correctly signed call may have run");
    }

    @Test
    @Order(11)
    void canisterStatusAlsoAnswersAsAQueryCall() {
        // Spec 0.66: canister_status may be called as a query; the effective canister id is the target canister.
        Principal canister = freshCounter();
        IcClient.Outcome outcome = controller.queryWithSignatures(Management.ID, canister, "canister_status",
                Management.canisterIdArg(canister)).outcome();
        CanisterStatus status = Management.decodeCanisterStatus(outcome.expectReply());
        assertEquals("running", status.status());
        assertArrayEquals(RawRequests.sha256(v1), status.moduleHash().orElseThrow());
        assertEquals(List.of(controller.sender()), status.controllers());
    }

    @Test
    @Order(12)
    void canisterStatusAsAQueryIsForControllersOnly() {
        // As for the update call: a non-controller is refused with IC0512, without any state change to refuse.
        Principal canister = freshCounter();
        IcClient.Outcome outcome = outsider.queryWithSignatures(Management.ID, canister, "canister_status",
                Management.canisterIdArg(canister)).outcome().expectRejected();
        assertEquals(5, outcome.rejectCode(), outcome.toString());
        assertEquals("IC0512", outcome.errorCode(), outcome.toString());
        assertTrue(outcome.rejectMessage().startsWith("Only the controllers of the canister " + canister + " can control it."),
                outcome.toString());
    }

    // ================================================================ helpers

    private static Secp256k1Identity secp256k1IdentityThroughPem() throws Exception {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
        generator.initialize(new ECGenParameterSpec("secp256k1"), new SecureRandom());
        KeyPair keys = generator.generateKeyPair();
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(keys);
        }
        assertTrue(pem.toString().startsWith("-----BEGIN EC PRIVATE KEY-----"), "dfx-style SEC1 PEM");
        Secp256k1Identity identity = Secp256k1Identity.fromPEMFile(new StringReader(pem.toString()));
        assertEquals(Secp256k1Identity.fromKeyPair(keys).sender(), identity.sender());
        return identity;
    }

    static Principal createCanister(IcClient client) {
        return Management.decodeCreateResult(client.manage("provisional_create_canister_with_cycles", Management.ID,
                Management.provisionalCreateArgs(null, null)).expectReply());
    }

    private static Principal freshCounter() {
        Principal canister = createCanister(controller);
        install(controller, canister, Mode.INSTALL, v1);
        return canister;
    }

    static void install(IcClient client, Principal canister, Mode mode, byte[] wasm) {
        byte[] reply = client.manage("install_code", canister,
                Management.installCodeArgs(mode, canister, wasm, encodeEmpty())).expectReply();
        assertTrue(decodesToNoValues(reply), "install_code replies ()");
    }

    private static CanisterStatus status(IcClient client, Principal canister) {
        return Management.decodeCanisterStatus(client.manage("canister_status", canister,
                Management.canisterIdArg(canister)).expectReply());
    }

    private static void stop(Principal canister) {
        assertTrue(decodesToNoValues(controller.manage("stop_canister", canister,
                Management.canisterIdArg(canister)).expectReply()));
    }

    private static void start(Principal canister) {
        assertTrue(decodesToNoValues(controller.manage("start_canister", canister,
                Management.canisterIdArg(canister)).expectReply()));
    }

    private static void load(Principal canister, byte[] snapshotId) {
        assertTrue(decodesToNoValues(controller.manage("load_canister_snapshot", canister,
                Management.loadSnapshotArgs(canister, snapshotId)).expectReply()));
    }

    private static List<String> snapshotIds(Principal canister) {
        List<String> ids = new ArrayList<>();
        for (Snapshot s : Management.decodeListSnapshotsResult(controller.manage("list_canister_snapshots", canister,
                Management.canisterIdArg(canister)).expectReply())) {
            ids.add(hex(s.id()));
        }
        return ids;
    }

    private static SnapshotMetadata readMetadata(Principal canister, byte[] snapshotId) {
        return Management.decodeSnapshotMetadata(controller.manage("read_canister_snapshot_metadata", canister,
                Management.snapshotArgs(canister, snapshotId)).expectReply());
    }

    private static byte[] download(Principal canister, byte[] snapshotId, DataKind kind, long size, int slice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long offset = 0; offset < size; offset += slice) {
            long n = Math.min(slice, size - offset);
            byte[] chunk = Management.decodeSnapshotDataChunk(controller.manage("read_canister_snapshot_data", canister,
                    Management.readSnapshotDataArgs(canister, snapshotId, kind, offset, n)).expectReply());
            assertEquals(n, chunk.length, kind + " slice at " + offset);
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    private static void upload(Principal canister, byte[] snapshotId, DataKind kind, byte[] data, int slice) {
        for (int offset = 0; offset < data.length; offset += slice) {
            byte[] chunk = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + slice));
            assertTrue(decodesToNoValues(controller.manage("upload_canister_snapshot_data", canister,
                    Management.uploadSnapshotDataArgs(canister, snapshotId, kind, offset, chunk)).expectReply()));
        }
    }

    private static void assertSnapshotIdOf(Principal canister, byte[] snapshotId) {
        byte[] canisterBytes = canister.getValue();
        assertEquals(8 + canisterBytes.length, snapshotId.length, "snapshot id = 8-byte counter ++ canister id");
        assertArrayEquals(canisterBytes, Arrays.copyOfRange(snapshotId, 8, snapshotId.length),
                "snapshot id ends with the canister id");
    }

    private static void assertNotController(IcClient.Outcome outcome, Principal canister) {
        assertEquals(5, outcome.rejectCode(), outcome.toString());
        assertEquals("IC0512", outcome.errorCode(), outcome.toString());
        assertTrue(outcome.rejectMessage().contains(canister.toString()),
                "the message should name the canister: " + outcome);
        assertTrue(outcome.rejectMessage().toLowerCase().contains("controller"),
                "the message should say only controllers may do this: " + outcome);
    }

    private static void assertHttp400(RawRequests.Answer answer, String what) {
        assertEquals(400, answer.status(), what + ": " + answer);
    }

    private static long inc(IcClient client, Principal canister) {
        return asNat64(decodeOne(client.update(canister, canister, "inc", encodeEmpty()).expectReply()));
    }

    private static long get(IcClient client, Principal canister) {
        return asNat64(decodeOne(client.query(canister, "get", encodeEmpty()).expectReply()));
    }

    private static String version(IcClient client, Principal canister) {
        return asText(decodeOne(client.query(canister, "version", encodeEmpty()).expectReply()));
    }

    private static long stableChecksum(Principal canister) {
        return asNat64(decodeOne(controller.query(canister, "stable_checksum", encodeEmpty()).expectReply()));
    }

    /** The counter canister's stable_checksum over a stable memory image: c = c * 31 + word after page 0. */
    private static long checksumOf(byte[] stable) {
        ByteBuffer words = ByteBuffer.wrap(stable).order(ByteOrder.LITTLE_ENDIAN);
        long sum = 0;
        for (int offset = PAGE; offset + 8 <= stable.length; offset += 8) {
            sum = sum * 31 + words.getLong(offset);
        }
        return sum;
    }

    private static List<Principal> certifiedControllers(Certificate certificate, Principal canister) throws Exception {
        byte[] cbor = lookupFound(certificate, utf8("canister"), canister.getValue(), utf8("controllers"));
        List<Principal> out = new ArrayList<>();
        for (Object c : CBOR.readValue(cbor, List.class)) {
            out.add(Principal.from((byte[]) c));
        }
        return out;
    }

    /**
     * The last canister id of the subnet range that holds {@code existing}, from the certified
     * {@code /subnet/<subnet>/canister_ranges} of the subnet that certifies for it.
     */
    private static Principal unusedCanisterIdInRangeOf(Principal existing) throws Exception {
        Certificate certificate = controller.readState(existing, List.of(List.of(utf8("subnet"))));
        Principal subnet = certifyingSubnet(certificate);
        byte[] cbor = lookupFound(certificate, utf8("subnet"), subnet.getValue(), utf8("canister_ranges"));
        for (Object range : CBOR.readValue(cbor, List.class)) {
            List<?> bounds = (List<?>) range;
            byte[] low = (byte[]) bounds.get(0);
            byte[] high = (byte[]) bounds.get(1);
            if (Arrays.compareUnsigned(low, existing.getValue()) <= 0
                    && Arrays.compareUnsigned(existing.getValue(), high) <= 0) {
                assertFalse(Arrays.equals(high, existing.getValue()), "the range ends at an existing canister");
                return Principal.from(high);
            }
        }
        throw new AssertionError(existing + " is in none of the certified canister_ranges");
    }

    /**
     * The subnet that issued {@code certificate}: the delegation's subnet, or without one the root
     * subnet (self-authenticating id of the root key).
     */
    static Principal certifyingSubnet(Certificate certificate) throws Exception {
        if (certificate.delegation != null && certificate.delegation.isPresent()) {
            return Principal.from(certificate.delegation.get().subnetId);
        }
        byte[] rootKey = IcClient.await(controller.agent.status(), "status").rootKey.orElseThrow();
        return Principal.selfAuthenticating(rootKey);
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        return nonce;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
