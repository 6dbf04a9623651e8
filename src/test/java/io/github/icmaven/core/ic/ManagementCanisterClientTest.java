package io.github.icmaven.core.ic;

import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.CandidText;
import io.github.icmaven.candid.IdlType;
import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.ic.Principal;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's Candid shapes and effective canister ids, checked against types written from the interface
 * spec's ic.did (independently of {@link ManagementTypes}).
 */
class ManagementCanisterClientTest {
    private static final Principal CANISTER = Principal.fromText("lxzze-o7777-77777-aaaaa-cai");
    private static final Principal OTHER = Principal.canisterId(7);

    // From ic.did (spec 0.66.0), type names inlined.
    private static final String INSTALL_MODE = "variant { install; reinstall; upgrade : opt record {"
            + " skip_pre_upgrade : opt bool; wasm_memory_persistence : opt variant { keep; replace } } }";
    private static final IdlType INSTALL_CODE_ARGS = CandidText.parseType("record { mode : " + INSTALL_MODE + ";"
            + " canister_id : principal; wasm_module : blob; arg : blob; sender_canister_version : opt nat64 }");
    private static final IdlType INSTALL_CHUNKED_CODE_ARGS = CandidText.parseType("record { mode : " + INSTALL_MODE + ";"
            + " target_canister : principal; store_canister : opt principal; chunk_hashes_list : vec record { hash : blob };"
            + " wasm_module_hash : blob; arg : blob; sender_canister_version : opt nat64 }");
    private static final IdlType TAKE_CANISTER_SNAPSHOT_ARGS = CandidText.parseType("record { canister_id : principal;"
            + " replace_snapshot : opt blob; uninstall_code : opt bool; sender_canister_version : opt nat64 }");
    private static final IdlType PROVISIONAL_CREATE_ARGS = CandidText.parseType("record { amount : opt nat;"
            + " settings : opt record { controllers : opt vec principal; compute_allocation : opt nat;"
            + " memory_allocation : opt nat; freezing_threshold : opt nat; reserved_cycles_limit : opt nat;"
            + " wasm_memory_limit : opt nat }; specified_id : opt principal; sender_canister_version : opt nat64 }");
    private static final IdlType READ_SNAPSHOT_DATA_ARGS = CandidText.parseType("record { canister_id : principal;"
            + " snapshot_id : blob; kind : variant { wasm_module : record { offset : nat64; size : nat64 };"
            + " wasm_memory : record { offset : nat64; size : nat64 }; stable_memory : record { offset : nat64; size : nat64 };"
            + " wasm_chunk : record { hash : blob } } }");
    private static final IdlType CANISTER_STATUS_RESULT = CandidText.parseType("record {"
            + " status : variant { running; stopping; stopped }; ready_for_migration : bool; version : nat64;"
            + " settings : record { controllers : vec principal; compute_allocation : nat; memory_allocation : nat;"
            + "   freezing_threshold : nat; reserved_cycles_limit : nat; log_visibility : variant { controllers; public;"
            + "   allowed_viewers : vec principal }; wasm_memory_limit : nat };"
            + " module_hash : opt blob; memory_size : nat;"
            + " memory_metrics : record { wasm_memory_size : nat; stable_memory_size : nat };"
            + " cycles : nat; reserved_cycles : nat; idle_cycles_burned_per_day : nat;"
            + " query_stats : record { num_calls_total : nat; num_instructions_total : nat;"
            + "   request_payload_bytes_total : nat; response_payload_bytes_total : nat } }");

    /** Records calls and answers each with a canned reply. */
    private static final class RecordingCalls implements CanisterCalls {
        record Call(Principal canister, Principal effective, String method, byte[] arg) {}

        final List<Call> calls = new ArrayList<>();
        byte[] reply = Candid.encode(List.of(), List.of());

        @Override
        public Principal sender() {
            return Principal.ANONYMOUS;
        }

        @Override
        public byte[] update(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg) {
            calls.add(new Call(canisterId, effectiveCanisterId, method, arg));
            return reply;
        }

        @Override
        public byte[] query(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg) {
            return update(canisterId, effectiveCanisterId, method, arg);
        }

        Call last() {
            return calls.get(calls.size() - 1);
        }

        IdlValue lastArg(IdlType specType) {
            return Candid.decode(last().arg(), List.of(specType)).get(0);
        }
    }

    private final RecordingCalls calls = new RecordingCalls();
    private final ManagementCanisterClient client = new ManagementCanisterClient(calls);

    @Test
    void upgradeWithOptionsMatchesIcDid() throws Exception {
        client.installCode(CANISTER, InstallMode.upgrade(true, WasmMemoryPersistence.KEEP), new byte[] {0, 'a', 's', 'm'},
                new byte[] {'D', 'I', 'D', 'L', 0, 0});
        assertEquals(Principal.MANAGEMENT_CANISTER, calls.last().canister());
        assertEquals(CANISTER, calls.last().effective());
        assertEquals("install_code", calls.last().method());
        IdlValue args = calls.lastArg(INSTALL_CODE_ARGS);
        IdlValue.Variant mode = args.field("mode").asVariant();
        assertTrue(mode.is("upgrade"));
        IdlValue options = mode.value().asOpt().orElseThrow();
        assertTrue(options.field("skip_pre_upgrade").asOpt().orElseThrow().asBool());
        assertTrue(options.field("wasm_memory_persistence").asOpt().orElseThrow().asVariant().is("keep"));
        assertEquals(CANISTER, args.field("canister_id").asPrincipal());
        assertArrayEquals(new byte[] {0, 'a', 's', 'm'}, args.field("wasm_module").asBlob());
        assertTrue(args.field("sender_canister_version").asOpt().isEmpty());
    }

    @Test
    void plainModesMatchIcDid() throws Exception {
        client.installCode(CANISTER, InstallMode.install(), new byte[1], new byte[0]);
        assertTrue(calls.lastArg(INSTALL_CODE_ARGS).field("mode").asVariant().is("install"));
        client.installCode(CANISTER, InstallMode.reinstall(), new byte[1], new byte[0]);
        assertTrue(calls.lastArg(INSTALL_CODE_ARGS).field("mode").asVariant().is("reinstall"));
        client.installCode(CANISTER, InstallMode.upgrade(), new byte[1], new byte[0]);
        IdlValue.Variant upgrade = calls.lastArg(INSTALL_CODE_ARGS).field("mode").asVariant();
        assertTrue(upgrade.is("upgrade"));
        assertTrue(upgrade.value().asOpt().isEmpty());
        client.installCode(CANISTER, InstallMode.upgrade(false, WasmMemoryPersistence.REPLACE), new byte[1], new byte[0]);
        IdlValue options = calls.lastArg(INSTALL_CODE_ARGS).field("mode").asVariant().value().asOpt().orElseThrow();
        assertTrue(options.field("skip_pre_upgrade").asOpt().isEmpty());
        assertTrue(options.field("wasm_memory_persistence").asOpt().orElseThrow().asVariant().is("replace"));
    }

    @Test
    void oversizedModulesAreSentToTheChunkStoreInstead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.installCode(CANISTER, InstallMode.install(), new byte[2 * 1024 * 1024 + 1], new byte[0]));
        assertTrue(e.getMessage().contains("install_chunked_code"), e.getMessage());
        assertTrue(calls.calls.isEmpty());
    }

    @Test
    void chunkedInstallTargetsTheTargetCanister() throws Exception {
        byte[] hash = new byte[32];
        hash[0] = 9;
        client.installChunkedCode(CANISTER, Optional.of(OTHER), InstallMode.upgrade(), List.of(hash, hash), hash, new byte[0]);
        assertEquals(CANISTER, calls.last().effective());
        IdlValue args = calls.lastArg(INSTALL_CHUNKED_CODE_ARGS);
        assertEquals(CANISTER, args.field("target_canister").asPrincipal());
        assertEquals(OTHER, args.field("store_canister").asOpt().orElseThrow().asPrincipal());
        assertEquals(2, args.field("chunk_hashes_list").asVec().size());
        assertArrayEquals(hash, args.field("chunk_hashes_list").asVec().get(0).field("hash").asBlob());
    }

    @Test
    void takeSnapshotSendsReplaceAndDecodesTheSnapshot() throws Exception {
        SnapshotId old = SnapshotId.fromText(CANISTER.toText() + "-1");
        SnapshotId fresh = SnapshotId.fromText(CANISTER.toText() + "-2");
        calls.reply = Candid.encode(List.of(CandidText.parseType(
                "record { id : blob; taken_at_timestamp : nat64; total_size : nat64 }")), List.of(IdlValue.record(
                IdlValue.field("id", IdlValue.blob(fresh.bytes())),
                IdlValue.field("taken_at_timestamp", IdlValue.nat64(1_700_000_000_123_456_789L)),
                IdlValue.field("total_size", IdlValue.nat64(4096)))));
        SnapshotInfo info = client.takeCanisterSnapshot(CANISTER, Optional.of(old));
        assertEquals(CANISTER, calls.last().effective());
        IdlValue args = calls.lastArg(TAKE_CANISTER_SNAPSHOT_ARGS);
        assertArrayEquals(old.bytes(), args.field("replace_snapshot").asOpt().orElseThrow().asBlob());
        assertTrue(args.field("uninstall_code").asOpt().isEmpty());
        assertEquals(fresh, info.id());
        assertEquals(CANISTER.toText() + "-2", info.textId());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_789L), info.takenAt());
        assertEquals(4096, info.totalSize());
    }

    @Test
    void statusDecodesTheFullIcDidResult() throws Exception {
        IdlValue result = CandidText.parseArgs("(record { status = variant { stopped }; ready_for_migration = false;"
                + " version = 3 : nat64; settings = record { controllers = vec { principal \"" + OTHER + "\" };"
                + " compute_allocation = 0; memory_allocation = 0; freezing_threshold = 0; reserved_cycles_limit = 0;"
                + " log_visibility = variant { controllers }; wasm_memory_limit = 0 };"
                + " module_hash = opt blob \"\\01\\02\"; memory_size = 12345;"
                + " memory_metrics = record { wasm_memory_size = 0; stable_memory_size = 0 };"
                + " cycles = 1000000000000; reserved_cycles = 0; idle_cycles_burned_per_day = 0;"
                + " query_stats = record { num_calls_total = 0; num_instructions_total = 0;"
                + " request_payload_bytes_total = 0; response_payload_bytes_total = 0 } })",
                List.of(CANISTER_STATUS_RESULT)).get(0);
        calls.reply = Candid.encode(List.of(CANISTER_STATUS_RESULT), List.of(result));
        CanisterStatus status = client.canisterStatus(CANISTER);
        assertEquals("canister_status", calls.last().method());
        assertEquals(CANISTER, calls.last().effective());
        assertEquals(CanisterRunStatus.STOPPED, status.status());
        assertEquals(Optional.of("0102"), status.moduleHashHex());
        assertEquals(List.of(OTHER), status.controllers());
        assertEquals(BigInteger.valueOf(12345), status.memorySize());
        assertEquals(new BigInteger("1000000000000"), status.cycles());
        assertEquals(3, status.version().getAsLong());
    }

    @Test
    void malformedRepliesAreProtocolErrors() {
        calls.reply = Candid.encode(List.of(IdlType.TEXT), List.of(IdlValue.text("not a status")));
        IcCallException e = assertThrows(IcCallException.class, () -> client.canisterStatus(CANISTER));
        assertEquals(IcCallException.Kind.PROTOCOL, e.kind());
        assertFalse(e.isTransient());
    }

    @Test
    void provisionalCreateUsesTheSpecifiedIdOrADefaultEffectiveId() throws Exception {
        calls.reply = Candid.encode(List.of(CandidText.parseType("record { canister_id : principal }")),
                List.of(IdlValue.record(IdlValue.field("canister_id", IdlValue.principal(CANISTER)))));
        assertEquals(CANISTER, client.provisionalCreateCanisterWithCycles(
                Optional.of(BigInteger.TEN.pow(13)), Optional.empty(), List.of(OTHER)));
        assertEquals(ManagementCanisterClient.DEFAULT_PROVISIONAL_EFFECTIVE_CANISTER_ID, calls.last().effective());
        IdlValue args = calls.lastArg(PROVISIONAL_CREATE_ARGS);
        assertEquals(BigInteger.TEN.pow(13), args.field("amount").asOpt().orElseThrow().asNat());
        assertEquals(List.of(IdlValue.principal(OTHER)), args.field("settings").asOpt().orElseThrow()
                .field("controllers").asOpt().orElseThrow().asVec());
        client.provisionalCreateCanisterWithCycles(Optional.empty(), Optional.of(CANISTER), List.of());
        assertEquals(CANISTER, calls.last().effective());
        assertTrue(calls.lastArg(PROVISIONAL_CREATE_ARGS).field("settings").asOpt().isEmpty());
    }

    @Test
    void snapshotSlicesNameTheirKind() throws Exception {
        calls.reply = Candid.encode(List.of(CandidText.parseType("record { chunk : blob }")),
                List.of(IdlValue.record(IdlValue.field("chunk", IdlValue.blob(new byte[] {7, 7})))));
        SnapshotId id = SnapshotId.fromText(CANISTER.toText() + "-0");
        assertArrayEquals(new byte[] {7, 7},
                client.readCanisterSnapshotData(CANISTER, id, SnapshotDataKind.STABLE_MEMORY, 65536, 2));
        IdlValue kind = calls.lastArg(READ_SNAPSHOT_DATA_ARGS).field("kind");
        assertTrue(kind.asVariant().is("stable_memory"));
        assertEquals(65536, kind.asVariant().value().field("offset").asLong());
        assertThrows(IllegalArgumentException.class,
                () -> client.readCanisterSnapshotData(CANISTER, id, SnapshotDataKind.WASM_MEMORY, 0, 2_000_001));
    }

    @Test
    void rawCallsGoToTheCanisterItself() throws Exception {
        client.callQuery(CANISTER, "health", new byte[] {'D', 'I', 'D', 'L', 0, 0});
        assertEquals(CANISTER, calls.last().canister());
        assertEquals(CANISTER, calls.last().effective());
        assertEquals("health", calls.last().method());
    }

    @Test
    void snapshotIdsRoundTripThroughText() {
        SnapshotId id = SnapshotId.fromText(CANISTER.toText() + "-258");
        byte[] bytes = id.bytes();
        assertEquals(8 + CANISTER.bytes().length, bytes.length);
        assertEquals(1, bytes[6]);
        assertEquals(2, bytes[7]);
        assertEquals(id, SnapshotId.fromText(id.toHex()));
        assertEquals(CANISTER.toText() + "-258", SnapshotId.fromText(id.toHex()).toText());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotId.fromText("nope"));
        assertTrue(e.getMessage().contains("<canister id>-<number>"), e.getMessage());
    }
}
