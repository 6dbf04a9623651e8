package io.github.icmaven.replica.routing;

import static io.github.icmaven.replica.routing.ManagementValues.blob;
import static io.github.icmaven.replica.routing.ManagementValues.field;
import static io.github.icmaven.replica.routing.ManagementValues.nat;
import static io.github.icmaven.replica.routing.ManagementValues.nat64;
import static io.github.icmaven.replica.routing.ManagementValues.opt;
import static io.github.icmaven.replica.routing.ManagementValues.optNat64;
import static io.github.icmaven.replica.routing.ManagementValues.principal;

import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.CandidException;
import io.github.icmaven.candid.DidFile;
import io.github.icmaven.candid.IdlType;
import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.management.CanisterArgs;
import io.github.icmaven.replica.management.CanisterArgs.CanisterIdArgs;
import io.github.icmaven.replica.management.CanisterArgs.CanisterStatusResult;
import io.github.icmaven.replica.management.ManagementCanister;
import io.github.icmaven.replica.management.SnapshotArgs;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotInfo;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotMetadata;
import io.github.icmaven.replica.state.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The management canister ({@code aaaaa-aa}) as messages reach it: Candid arguments decoded against
 * the spec's ic.did, the typed {@link ManagementCanister} called, the result encoded back.
 */
public final class ManagementInterface {
    private static final DidFile IC = loadInterface();

    /** Methods the embedded replica implements; the rest of ic.did is rejected as unknown. */
    private static final Set<String> IMPLEMENTED = Set.of(
            "provisional_create_canister_with_cycles", "update_settings", "canister_status",
            "stop_canister", "start_canister", "delete_canister", "install_code", "uninstall_code", "upload_chunk",
            "stored_chunks", "clear_chunk_store", "install_chunked_code", "take_canister_snapshot",
            "load_canister_snapshot", "list_canister_snapshots", "delete_canister_snapshot",
            "read_canister_snapshot_metadata", "read_canister_snapshot_data", "upload_canister_snapshot_metadata",
            "upload_canister_snapshot_data", "raw_rand");

    /** Methods any principal may call via ingress; the rest need a controller of the target canister. */
    private static final Set<String> CREATION = Set.of("provisional_create_canister_with_cycles");

    /** Methods only canisters may call (spec: never accepted as ingress messages). */
    private static final Set<String> CANISTERS_ONLY = Set.of("raw_rand");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ManagementCanister management;

    public ManagementInterface(ManagementCanister management) {
        this.management = management;
    }

    /** The canister a management call acts on (canister_id, or target_canister), empty for creation. */
    public Optional<Principal> targetCanister(String method, byte[] arg) throws IcReject {
        if (CREATION.contains(method)) {
            return Optional.empty();
        }
        if (CANISTERS_ONLY.contains(method)) {
            // Asked only for ingress messages: a canister's call goes straight to call().
            throw new IcReject(RejectCode.CANISTER_REJECT, "IC0406",
                    "Only canisters can call ic00 method " + method);
        }
        IdlValue args = decodeArgs(method, arg);
        String field = method.equals("install_chunked_code") ? "target_canister" : "canister_id";
        try {
            return Optional.of(args.field(field).asPrincipal());
        } catch (CandidException e) {
            throw invalidPayload(method, "the argument has no principal field '" + field + "'");
        }
    }

    public boolean isQuery(String method) {
        return IMPLEMENTED.contains(method) && IC.method(method).annotations().contains("query");
    }

    /** Creation is open to anyone; every other method needs the caller to control the target. */
    public boolean requiresController(String method) {
        return !CREATION.contains(method);
    }

    public byte[] call(Principal caller, String method, byte[] arg) throws IcReject {
        IdlValue a = decodeArgs(method, arg);
        IdlValue result = switch (method) {
            case "provisional_create_canister_with_cycles" -> IdlValue.record(field("canister_id", IdlValue.principal(
                    management.provisionalCreateCanisterWithCycles(caller, new CanisterArgs.ProvisionalCreateArgs(
                            opt(a, "amount", IdlValue::asNat), opt(a, "settings", ManagementValues::settings),
                            opt(a, "specified_id", IdlValue::asPrincipal), optNat64(a, "sender_canister_version")))
                            .canisterId())));
            case "update_settings" -> {
                management.updateSettings(caller, new CanisterArgs.UpdateSettingsArgs(principal(a, "canister_id"),
                        ManagementValues.settings(a.field("settings")), optNat64(a, "sender_canister_version")));
                yield null;
            }
            case "canister_status" -> statusValue(management.canisterStatus(caller, canisterIdArgs(a)));
            case "stop_canister" -> {
                management.stopCanister(caller, canisterIdArgs(a));
                yield null;
            }
            case "start_canister" -> {
                management.startCanister(caller, canisterIdArgs(a));
                yield null;
            }
            case "delete_canister" -> {
                management.deleteCanister(caller, canisterIdArgs(a));
                yield null;
            }
            case "install_code" -> {
                management.installCode(caller, new CanisterArgs.InstallCodeArgs(ManagementValues.installMode(a.field("mode")),
                        principal(a, "canister_id"), blob(a, "wasm_module"), blob(a, "arg"), optNat64(a, "sender_canister_version")));
                yield null;
            }
            case "uninstall_code" -> {
                management.uninstallCode(caller, new CanisterArgs.UninstallCodeArgs(principal(a, "canister_id"),
                        optNat64(a, "sender_canister_version")));
                yield null;
            }
            case "upload_chunk" -> chunkHash(management.uploadChunk(caller,
                    new CanisterArgs.UploadChunkArgs(principal(a, "canister_id"), blob(a, "chunk"))).hash());
            case "stored_chunks" -> IdlValue.vec(management.storedChunks(caller, canisterIdArgs(a)).stream()
                    .map(c -> chunkHash(c.hash())).toList());
            case "clear_chunk_store" -> {
                management.clearChunkStore(caller, canisterIdArgs(a));
                yield null;
            }
            case "install_chunked_code" -> {
                List<byte[]> hashes = new ArrayList<>();
                a.field("chunk_hashes_list").asVec().forEach(h -> hashes.add(h.field("hash").asBlob()));
                management.installChunkedCode(caller, new CanisterArgs.InstallChunkedCodeArgs(
                        ManagementValues.installMode(a.field("mode")), principal(a, "target_canister"),
                        opt(a, "store_canister", IdlValue::asPrincipal), hashes, blob(a, "wasm_module_hash"),
                        blob(a, "arg"), optNat64(a, "sender_canister_version")));
                yield null;
            }
            case "take_canister_snapshot" -> snapshotValue(management.takeCanisterSnapshot(caller,
                    new SnapshotArgs.TakeSnapshotArgs(principal(a, "canister_id"), opt(a, "replace_snapshot", IdlValue::asBlob),
                            opt(a, "uninstall_code", IdlValue::asBool), optNat64(a, "sender_canister_version"))));
            case "load_canister_snapshot" -> {
                management.loadCanisterSnapshot(caller, new SnapshotArgs.LoadSnapshotArgs(principal(a, "canister_id"),
                        blob(a, "snapshot_id"), optNat64(a, "sender_canister_version")));
                yield null;
            }
            case "list_canister_snapshots" -> IdlValue.vec(management.listCanisterSnapshots(caller, canisterIdArgs(a))
                    .stream().map(ManagementInterface::snapshotValue).toList());
            case "delete_canister_snapshot" -> {
                management.deleteCanisterSnapshot(caller, snapshotRef(a));
                yield null;
            }
            case "read_canister_snapshot_metadata" -> metadataValue(management.readCanisterSnapshotMetadata(caller, snapshotRef(a)));
            case "read_canister_snapshot_data" -> IdlValue.record(field("chunk", IdlValue.blob(
                    management.readCanisterSnapshotData(caller, new SnapshotArgs.ReadSnapshotDataArgs(
                            principal(a, "canister_id"), blob(a, "snapshot_id"), dataKind(a.field("kind")))).chunk())));
            case "upload_canister_snapshot_metadata" -> IdlValue.record(field("snapshot_id", IdlValue.blob(
                    management.uploadCanisterSnapshotMetadata(caller, new SnapshotArgs.UploadSnapshotMetadataArgs(
                            principal(a, "canister_id"), opt(a, "replace_snapshot", IdlValue::asBlob),
                            nat64(a, "wasm_module_size"), ManagementValues.globals(a.field("globals")),
                            nat64(a, "wasm_memory_size"), nat64(a, "stable_memory_size"), blob(a, "certified_data"),
                            opt(a, "global_timer", ManagementValues::globalTimer),
                            opt(a, "on_low_wasm_memory_hook_status", ManagementValues::hookStatus))).snapshotId())));
            case "upload_canister_snapshot_data" -> {
                management.uploadCanisterSnapshotData(caller, new SnapshotArgs.UploadSnapshotDataArgs(
                        principal(a, "canister_id"), blob(a, "snapshot_id"), dataOffset(a.field("kind")), blob(a, "chunk")));
                yield null;
            }
            case "raw_rand" -> {
                byte[] random = new byte[32];
                RANDOM.nextBytes(random);
                yield IdlValue.blob(random);
            }
            default -> throw unknownMethod(method);
        };
        IdlType.Func signature = IC.method(method);
        return Candid.encode(signature.results(), result == null ? List.of() : List.of(result));
    }

    private IdlValue decodeArgs(String method, byte[] arg) throws IcReject {
        if (!IMPLEMENTED.contains(method)) {
            throw unknownMethod(method);
        }
        List<IdlType> types = IC.method(method).args();
        try {
            List<IdlValue> values = Candid.decode(arg, types);
            return values.isEmpty() ? IdlValue.NULL : values.get(0);
        } catch (CandidException e) {
            throw invalidPayload(method, e.getMessage());
        }
    }

    private static IcReject unknownMethod(String method) {
        return new IcReject(RejectCode.DESTINATION_INVALID, "IC0407", "Management canister has no method '" + method
                + "'" + (IC.methods().containsKey(method) ? " (not implemented by the embedded replica)" : ""));
    }

    private static IcReject invalidPayload(String method, String detail) {
        return new IcReject(RejectCode.CANISTER_REJECT, "IC0408",
                "Error decoding candid: " + detail + " (management canister method '" + method + "')");
    }

    private static CanisterIdArgs canisterIdArgs(IdlValue a) {
        return new CanisterIdArgs(principal(a, "canister_id"));
    }

    private static SnapshotArgs.SnapshotRef snapshotRef(IdlValue a) {
        return new SnapshotArgs.SnapshotRef(principal(a, "canister_id"), blob(a, "snapshot_id"));
    }

    private static SnapshotArgs.DataKind dataKind(IdlValue kind) {
        IdlValue.Variant v = kind.asVariant();
        IdlValue r = v.value();
        return switch (v.tag()) {
            case "wasm_module" -> new SnapshotArgs.DataKind.WasmModule(nat64(r, "offset"), nat64(r, "size"));
            case "wasm_memory" -> new SnapshotArgs.DataKind.WasmMemory(nat64(r, "offset"), nat64(r, "size"));
            case "stable_memory" -> new SnapshotArgs.DataKind.StableMemory(nat64(r, "offset"), nat64(r, "size"));
            default -> new SnapshotArgs.DataKind.WasmChunk(blob(r, "hash"));
        };
    }

    private static SnapshotArgs.DataOffset dataOffset(IdlValue kind) {
        IdlValue.Variant v = kind.asVariant();
        return switch (v.tag()) {
            case "wasm_module" -> new SnapshotArgs.DataOffset.WasmModule(nat64(v.value(), "offset"));
            case "wasm_memory" -> new SnapshotArgs.DataOffset.WasmMemory(nat64(v.value(), "offset"));
            case "stable_memory" -> new SnapshotArgs.DataOffset.StableMemory(nat64(v.value(), "offset"));
            default -> new SnapshotArgs.DataOffset.WasmChunk();
        };
    }

    private static IdlValue chunkHash(byte[] hash) {
        return IdlValue.record(field("hash", IdlValue.blob(hash)));
    }

    private static IdlValue snapshotValue(SnapshotInfo s) {
        return IdlValue.record(field("id", IdlValue.blob(s.id())),
                field("taken_at_timestamp", IdlValue.nat64(s.takenAtTimestamp())),
                field("total_size", IdlValue.nat64(s.totalSize())));
    }

    private static IdlValue statusValue(CanisterStatusResult s) {
        CanisterArgs.MemoryMetrics m = s.memoryMetrics();
        CanisterArgs.QueryStats q = s.queryStats();
        return IdlValue.record(
                field("status", IdlValue.variant(s.status().name().toLowerCase(java.util.Locale.ROOT))),
                field("ready_for_migration", IdlValue.bool(s.readyForMigration())),
                field("version", IdlValue.nat64(s.version())),
                field("settings", ManagementValues.definiteSettings(s.settings().controllers(), s.settings().settings())),
                field("module_hash", s.moduleHash().<IdlValue>map(h -> IdlValue.some(IdlValue.blob(h))).orElse(IdlValue.none())),
                field("memory_size", nat(s.memorySize())),
                field("memory_metrics", IdlValue.record(
                        field("wasm_memory_size", nat(m.wasmMemorySize())),
                        field("stable_memory_size", nat(m.stableMemorySize())),
                        field("global_memory_size", nat(m.globalMemorySize())),
                        field("wasm_binary_size", nat(m.wasmBinarySize())),
                        field("custom_sections_size", nat(m.customSectionsSize())),
                        field("canister_history_size", nat(m.canisterHistorySize())),
                        field("wasm_chunk_store_size", nat(m.wasmChunkStoreSize())),
                        field("snapshots_size", nat(m.snapshotsSize())),
                        field("log_memory_store_size", nat(BigInteger.ZERO)))),
                field("cycles", nat(s.cycles())),
                field("reserved_cycles", nat(s.reservedCycles())),
                field("idle_cycles_burned_per_day", nat(s.idleCyclesBurnedPerDay())),
                field("query_stats", IdlValue.record(
                        field("num_calls_total", nat(q.numCallsTotal())),
                        field("num_instructions_total", nat(q.numInstructionsTotal())),
                        field("request_payload_bytes_total", nat(q.requestPayloadBytesTotal())),
                        field("response_payload_bytes_total", nat(q.responsePayloadBytesTotal())))));
    }

    private static IdlValue metadataValue(SnapshotMetadata m) {
        List<IdlValue> chunks = m.wasmChunkStore().stream().map(ManagementInterface::chunkHash).toList();
        return IdlValue.record(
                field("source", IdlValue.variant(m.source() == Snapshot.Source.METADATA_UPLOAD
                        ? "metadata_upload" : "taken_from_canister", IdlValue.RESERVED)),
                field("taken_at_timestamp", IdlValue.nat64(m.takenAtTimestamp())),
                field("wasm_module_size", IdlValue.nat64(m.wasmModuleSize())),
                field("globals", ManagementValues.globalsValue(m.globals())),
                field("wasm_memory_size", IdlValue.nat64(m.wasmMemorySize())),
                field("stable_memory_size", IdlValue.nat64(m.stableMemorySize())),
                field("wasm_chunk_store", IdlValue.vec(chunks)),
                field("canister_version", IdlValue.nat64(m.canisterVersion())),
                field("certified_data", IdlValue.blob(m.certifiedData())),
                field("global_timer", ManagementValues.globalTimerValue(m.globalTimer())),
                field("on_low_wasm_memory_hook_status", ManagementValues.hookStatusValue(m.onLowWasmMemoryHookStatus())));
    }

    private static DidFile loadInterface() {
        try (InputStream in = ManagementInterface.class.getResourceAsStream("/io/github/icmaven/replica/management/ic.did")) {
            return DidFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
