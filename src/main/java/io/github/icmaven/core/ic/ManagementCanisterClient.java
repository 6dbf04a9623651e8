package io.github.icmaven.core.ic;

import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.CandidException;
import io.github.icmaven.candid.IdlType;
import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.github.icmaven.candid.IdlValue.blob;
import static io.github.icmaven.candid.IdlValue.field;
import static io.github.icmaven.candid.IdlValue.nat64;
import static io.github.icmaven.candid.IdlValue.principal;
import static io.github.icmaven.candid.IdlValue.record;
import static io.github.icmaven.candid.IdlValue.variant;

/**
 * Typed calls to the management canister ({@code aaaaa-aa}), one method per call the upgrade pipeline and
 * the manual goals need, plus raw-Candid calls to any canister. Each management call is sent with the
 * effective canister id the interface spec requires ({@code canister_id}, or {@code target_canister} for
 * {@code install_chunked_code}). Every failure is an {@link IcCallException}.
 */
public final class ManagementCanisterClient {
    /** Ingress messages above this size are refused by the IC; larger modules go through the chunk store. */
    public static final int MAX_INGRESS_BYTES = 2 * 1024 * 1024;
    /** The largest chunk {@code upload_chunk} accepts. */
    public static final int MAX_CHUNK_BYTES = 1024 * 1024;
    /** The largest slice {@code read_canister_snapshot_data} returns. */
    public static final int MAX_SNAPSHOT_SLICE_BYTES = 2_000_000;

    /**
     * Effective canister id for {@code provisional_create_canister_with_cycles} without a specified id: any
     * id of the subnet's range works; this one is the first id of dfx's and PocketIC's default subnet.
     */
    public static final Principal DEFAULT_PROVISIONAL_EFFECTIVE_CANISTER_ID = Principal.canisterId(0);

    private static final Principal MANAGEMENT = Principal.MANAGEMENT_CANISTER;

    private final CanisterCalls caller;

    public ManagementCanisterClient(CanisterCalls caller) {
        this.caller = caller;
    }

    /** The principal the calls are sent as (it must be a controller of the canisters it manages). */
    public Principal sender() {
        return caller.sender();
    }

    /**
     * {@code canister_status} as a query (the interface spec allows it since 0.66): no consensus round, the answer
     * of one replica. A replica that refuses it as a query (older ones) is asked again with an update call.
     */
    public CanisterStatus canisterStatus(Principal canisterId) throws IcCallException {
        byte[] encoded = Candid.encode(List.of(ManagementTypes.CANISTER_ID_ARGS), List.of(canisterIdArgs(canisterId)));
        byte[] reply;
        try {
            reply = caller.query(MANAGEMENT, canisterId, "canister_status", encoded);
        } catch (IcCallException e) {
            if (!refusedAsQuery(e)) {
                throw e;
            }
            reply = caller.update(MANAGEMENT, canisterId, "canister_status", encoded);
        }
        IdlValue result = decodeReply("canister_status", canisterId, reply, ManagementTypes.CANISTER_STATUS_RESULT);
        return decodeAs(canisterId, "canister_status", () -> {
            IdlValue.Variant status = result.field("status").asVariant();
            CanisterRunStatus runStatus = status.is("running") ? CanisterRunStatus.RUNNING
                    : status.is("stopping") ? CanisterRunStatus.STOPPING : CanisterRunStatus.STOPPED;
            List<Principal> controllers = new ArrayList<>();
            for (IdlValue c : result.field("settings").field("controllers").asVec()) {
                controllers.add(c.asPrincipal());
            }
            Optional<IdlValue> version = result.field("version").asOpt();
            return new CanisterStatus(runStatus,
                    result.field("module_hash").asOpt().map(IdlValue::asBlob),
                    controllers,
                    result.field("memory_size").asNat(),
                    result.field("cycles").asNat(),
                    version.isPresent() ? OptionalLong.of(version.get().asLong()) : OptionalLong.empty());
        });
    }

    /** A management method refused as a query: the destination rejects it, and not because the canister is missing. */
    private static boolean refusedAsQuery(IcCallException e) {
        return e.isRejection() && e.rejectCode().orElse(null) == RejectCode.DESTINATION_INVALID
                && !e.hasErrorCode("IC0301");
    }

    /**
     * The SHA-256 of the installed module as the certified state tree publishes it
     * ({@code /canister/<id>/module_hash}, readable by anyone): read through {@code read_state}, so it costs no
     * consensus round and, unlike a query, carries the subnet's signature. Empty when no code is installed.
     */
    public Optional<byte[]> certifiedModuleHash(Principal canisterId) throws IcCallException {
        return caller.readModuleHash(canisterId);
    }

    public void stopCanister(Principal canisterId) throws IcCallException {
        manage("stop_canister", canisterId, ManagementTypes.CANISTER_ID_ARGS, canisterIdArgs(canisterId), null);
    }

    public void startCanister(Principal canisterId) throws IcCallException {
        manage("start_canister", canisterId, ManagementTypes.CANISTER_ID_ARGS, canisterIdArgs(canisterId), null);
    }

    /**
     * Installs a module sent in one message.
     *
     * @throws IllegalArgumentException if module and argument exceed {@link #MAX_INGRESS_BYTES}: use
     *     {@link #uploadChunk} and {@link #installChunkedCode} instead
     */
    public void installCode(Principal canisterId, InstallMode mode, byte[] wasmModule, byte[] arg) throws IcCallException {
        if ((long) wasmModule.length + arg.length > MAX_INGRESS_BYTES) {
            throw new IllegalArgumentException("A module of " + wasmModule.length + " bytes (argument " + arg.length
                    + " bytes) does not fit in one ingress message of at most " + MAX_INGRESS_BYTES
                    + " bytes; upload it in chunks and use install_chunked_code");
        }
        IdlValue args = record(
                field("mode", installModeValue(mode)),
                field("canister_id", principal(canisterId)),
                field("wasm_module", blob(wasmModule)),
                field("arg", blob(arg)));
        manage("install_code", canisterId, ManagementTypes.INSTALL_CODE_ARGS, args, null);
    }

    /**
     * Stores a chunk (at most {@link #MAX_CHUNK_BYTES}) in the canister's chunk store.
     *
     * @return the chunk's SHA-256 hash as the IC reports it
     */
    public byte[] uploadChunk(Principal canisterId, byte[] chunk) throws IcCallException {
        if (chunk.length > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("A chunk holds at most " + MAX_CHUNK_BYTES + " bytes, got " + chunk.length);
        }
        IdlValue args = record(field("canister_id", principal(canisterId)), field("chunk", blob(chunk)));
        IdlValue result = manage("upload_chunk", canisterId, ManagementTypes.UPLOAD_CHUNK_ARGS, args,
                ManagementTypes.CHUNK_HASH);
        return decodeAs(canisterId, "upload_chunk", () -> result.field("hash").asBlob().clone());
    }

    /** Hashes of the chunks in the canister's chunk store. */
    public List<byte[]> storedChunks(Principal canisterId) throws IcCallException {
        IdlValue result = manage("stored_chunks", canisterId, ManagementTypes.CANISTER_ID_ARGS,
                canisterIdArgs(canisterId), ManagementTypes.STORED_CHUNKS_RESULT);
        return decodeAs(canisterId, "stored_chunks", () -> {
            List<byte[]> hashes = new ArrayList<>();
            for (IdlValue h : result.asVec()) {
                hashes.add(h.field("hash").asBlob().clone());
            }
            return hashes;
        });
    }

    public void clearChunkStore(Principal canisterId) throws IcCallException {
        manage("clear_chunk_store", canisterId, ManagementTypes.CANISTER_ID_ARGS, canisterIdArgs(canisterId), null);
    }

    /**
     * Installs a module assembled from stored chunks.
     *
     * @param storeCanister the canister holding the chunks, if not the target (same subnet)
     * @param wasmModuleHash SHA-256 of the whole module
     */
    public void installChunkedCode(Principal targetCanister, Optional<Principal> storeCanister, InstallMode mode,
            List<byte[]> chunkHashes, byte[] wasmModuleHash, byte[] arg) throws IcCallException {
        List<IdlValue> hashes = new ArrayList<>();
        for (byte[] h : chunkHashes) {
            hashes.add(record(field("hash", blob(h))));
        }
        IdlValue args = record(
                field("mode", installModeValue(mode)),
                field("target_canister", principal(targetCanister)),
                field("store_canister", opt(storeCanister.map(IdlValue::principal))),
                field("chunk_hashes_list", IdlValue.vec(hashes)),
                field("wasm_module_hash", blob(wasmModuleHash)),
                field("arg", blob(arg)));
        call("install_chunked_code", targetCanister, targetCanister, ManagementTypes.INSTALL_CHUNKED_CODE_ARGS, args, null);
    }

    /**
     * Takes a snapshot of the canister (stop it first: dfx and icp-cli refuse running canisters).
     *
     * @param replace an existing snapshot to replace; it is deleted only once the new one exists
     */
    public SnapshotInfo takeCanisterSnapshot(Principal canisterId, Optional<SnapshotId> replace) throws IcCallException {
        IdlValue args = record(
                field("canister_id", principal(canisterId)),
                field("replace_snapshot", opt(replace.map(id -> blob(id.bytes())))));
        IdlValue result = manage("take_canister_snapshot", canisterId, ManagementTypes.TAKE_CANISTER_SNAPSHOT_ARGS, args,
                ManagementTypes.SNAPSHOT);
        return decodeAs(canisterId, "take_canister_snapshot", () -> snapshotInfo(result));
    }

    /** Restores module, memories, chunk store and certified data from a snapshot. */
    public void loadCanisterSnapshot(Principal canisterId, SnapshotId snapshotId) throws IcCallException {
        IdlValue args = record(field("canister_id", principal(canisterId)), field("snapshot_id", blob(snapshotId.bytes())));
        manage("load_canister_snapshot", canisterId, ManagementTypes.LOAD_CANISTER_SNAPSHOT_ARGS, args, null);
    }

    public List<SnapshotInfo> listCanisterSnapshots(Principal canisterId) throws IcCallException {
        IdlValue result = manage("list_canister_snapshots", canisterId, ManagementTypes.CANISTER_ID_ARGS,
                canisterIdArgs(canisterId), ManagementTypes.LIST_CANISTER_SNAPSHOTS_RESULT);
        return decodeAs(canisterId, "list_canister_snapshots", () -> {
            List<SnapshotInfo> snapshots = new ArrayList<>();
            for (IdlValue s : result.asVec()) {
                snapshots.add(snapshotInfo(s));
            }
            return snapshots;
        });
    }

    public void deleteCanisterSnapshot(Principal canisterId, SnapshotId snapshotId) throws IcCallException {
        manage("delete_canister_snapshot", canisterId, ManagementTypes.SNAPSHOT_ARGS,
                snapshotArgs(canisterId, snapshotId), null);
    }

    public SnapshotMetadata readCanisterSnapshotMetadata(Principal canisterId, SnapshotId snapshotId)
            throws IcCallException {
        IdlValue r = manage("read_canister_snapshot_metadata", canisterId, ManagementTypes.SNAPSHOT_ARGS,
                snapshotArgs(canisterId, snapshotId), ManagementTypes.READ_CANISTER_SNAPSHOT_METADATA_RESULT);
        return decodeAs(canisterId, "read_canister_snapshot_metadata", () -> {
            List<byte[]> chunkHashes = new ArrayList<>();
            for (IdlValue h : r.field("wasm_chunk_store").asVec()) {
                chunkHashes.add(h.field("hash").asBlob().clone());
            }
            return new SnapshotMetadata(
                    r.field("source").asVariant().tag(),
                    nanosToInstant(r.field("taken_at_timestamp").asNat()),
                    r.field("wasm_module_size").asLong(),
                    r.field("globals").asVec(),
                    r.field("wasm_memory_size").asLong(),
                    r.field("stable_memory_size").asLong(),
                    chunkHashes,
                    r.field("canister_version").asLong(),
                    r.field("certified_data").asBlob(),
                    r.field("global_timer").asOpt(),
                    r.field("on_low_wasm_memory_hook_status").asOpt());
        });
    }

    /** A slice (at most {@link #MAX_SNAPSHOT_SLICE_BYTES}) of a snapshot's module or memories. */
    public byte[] readCanisterSnapshotData(Principal canisterId, SnapshotId snapshotId, SnapshotDataKind kind,
            long offset, long size) throws IcCallException {
        if (size < 0 || size > MAX_SNAPSHOT_SLICE_BYTES) {
            throw new IllegalArgumentException("A snapshot slice is 0.." + MAX_SNAPSHOT_SLICE_BYTES + " bytes, got " + size);
        }
        IdlValue slice = record(field("offset", nat64(offset)), field("size", nat64(size)));
        return readSnapshotData(canisterId, snapshotId, variant(kind.candidName(), slice));
    }

    /** A chunk of the snapshot's chunk store, by hash. */
    public byte[] readCanisterSnapshotChunk(Principal canisterId, SnapshotId snapshotId, byte[] chunkHash)
            throws IcCallException {
        return readSnapshotData(canisterId, snapshotId, variant("wasm_chunk", record(field("hash", blob(chunkHash)))));
    }

    /**
     * Creates a snapshot from uploaded metadata; fill it with {@link #uploadCanisterSnapshotData} and
     * {@link #uploadCanisterSnapshotChunk}.
     */
    public SnapshotId uploadCanisterSnapshotMetadata(Principal canisterId, Optional<SnapshotId> replace,
            SnapshotMetadata metadata) throws IcCallException {
        IdlValue args = record(
                field("canister_id", principal(canisterId)),
                field("replace_snapshot", opt(replace.map(id -> blob(id.bytes())))),
                field("wasm_module_size", nat64(metadata.wasmModuleSize())),
                field("globals", IdlValue.vec(metadata.globals())),
                field("wasm_memory_size", nat64(metadata.wasmMemorySize())),
                field("stable_memory_size", nat64(metadata.stableMemorySize())),
                field("certified_data", blob(metadata.certifiedData())),
                field("global_timer", opt(metadata.globalTimer())),
                field("on_low_wasm_memory_hook_status", opt(metadata.onLowWasmMemoryHookStatus())));
        IdlValue result = manage("upload_canister_snapshot_metadata", canisterId,
                ManagementTypes.UPLOAD_CANISTER_SNAPSHOT_METADATA_ARGS, args,
                ManagementTypes.UPLOAD_CANISTER_SNAPSHOT_METADATA_RESULT);
        return decodeAs(canisterId, "upload_canister_snapshot_metadata",
                () -> SnapshotId.of(result.field("snapshot_id").asBlob()));
    }

    public void uploadCanisterSnapshotData(Principal canisterId, SnapshotId snapshotId, SnapshotDataKind kind,
            long offset, byte[] data) throws IcCallException {
        uploadSnapshotData(canisterId, snapshotId, variant(kind.candidName(), record(field("offset", nat64(offset)))), data);
    }

    public void uploadCanisterSnapshotChunk(Principal canisterId, SnapshotId snapshotId, byte[] chunk)
            throws IcCallException {
        uploadSnapshotData(canisterId, snapshotId, variant("wasm_chunk"), chunk);
    }

    /**
     * Creates a canister with cycles out of thin air (local replicas and test networks only; mainnet
     * rejects it).
     *
     * @param controllers empty to leave the default (the caller)
     */
    public Principal provisionalCreateCanisterWithCycles(Optional<BigInteger> cycles, Optional<Principal> specifiedId,
            List<Principal> controllers) throws IcCallException {
        List<IdlValue> controllerValues = new ArrayList<>();
        controllers.forEach(c -> controllerValues.add(principal(c)));
        IdlValue settings = controllers.isEmpty() ? IdlValue.NONE
                : IdlValue.some(record(field("controllers", IdlValue.some(IdlValue.vec(controllerValues)))));
        IdlValue args = record(
                field("amount", opt(cycles.map(IdlValue::nat))),
                field("settings", settings),
                field("specified_id", opt(specifiedId.map(IdlValue::principal))));
        Principal effective = specifiedId.orElse(DEFAULT_PROVISIONAL_EFFECTIVE_CANISTER_ID);
        IdlValue result = call("provisional_create_canister_with_cycles", effective, effective,
                ManagementTypes.PROVISIONAL_CREATE_CANISTER_WITH_CYCLES_ARGS, args,
                ManagementTypes.PROVISIONAL_CREATE_CANISTER_WITH_CYCLES_RESULT);
        return decodeAs(MANAGEMENT, "provisional_create_canister_with_cycles",
                () -> result.field("canister_id").asPrincipal());
    }

    /** An update call to any canister with a Candid-encoded argument; returns the Candid reply bytes. */
    public byte[] callUpdate(Principal canisterId, String method, byte[] candidArg) throws IcCallException {
        return caller.update(canisterId, canisterId, method, candidArg);
    }

    /** A query call to any canister (uncertified, e.g. a health check); returns the Candid reply bytes. */
    public byte[] callQuery(Principal canisterId, String method, byte[] candidArg) throws IcCallException {
        return caller.query(canisterId, canisterId, method, candidArg);
    }

    /**
     * A custom section of the installed module ({@code icp:public <name>} or {@code icp:private <name>}; private
     * ones need a controller), read from the certified state tree. Empty when there is none.
     */
    public Optional<byte[]> readCanisterMetadata(Principal canisterId, String name) throws IcCallException {
        return caller.readMetadata(canisterId, name);
    }

    // ---- helpers ----

    private byte[] readSnapshotData(Principal canisterId, SnapshotId snapshotId, IdlValue kind) throws IcCallException {
        IdlValue args = record(
                field("canister_id", principal(canisterId)),
                field("snapshot_id", blob(snapshotId.bytes())),
                field("kind", kind));
        IdlValue result = manage("read_canister_snapshot_data", canisterId,
                ManagementTypes.READ_CANISTER_SNAPSHOT_DATA_ARGS, args, ManagementTypes.CHUNK_RESULT);
        return decodeAs(canisterId, "read_canister_snapshot_data", () -> result.field("chunk").asBlob());
    }

    private void uploadSnapshotData(Principal canisterId, SnapshotId snapshotId, IdlValue kind, byte[] data)
            throws IcCallException {
        IdlValue args = record(
                field("canister_id", principal(canisterId)),
                field("snapshot_id", blob(snapshotId.bytes())),
                field("kind", kind),
                field("chunk", blob(data)));
        manage("upload_canister_snapshot_data", canisterId, ManagementTypes.UPLOAD_CANISTER_SNAPSHOT_DATA_ARGS, args, null);
    }

    /** A management call whose effective canister id is the {@code canister_id} it is about. */
    private IdlValue manage(String method, Principal canisterId, IdlType argType, IdlValue arg, IdlType resultType)
            throws IcCallException {
        return call(method, canisterId, canisterId, argType, arg, resultType);
    }

    private IdlValue call(String method, Principal aboutCanister, Principal effectiveCanisterId, IdlType argType,
            IdlValue arg, IdlType resultType) throws IcCallException {
        byte[] encoded = Candid.encode(List.of(argType), List.of(arg));
        byte[] reply = caller.update(MANAGEMENT, effectiveCanisterId, method, encoded);
        return resultType == null ? IdlValue.NULL : decodeReply(method, aboutCanister, reply, resultType);
    }

    private static IdlValue decodeReply(String method, Principal aboutCanister, byte[] reply, IdlType resultType)
            throws IcCallException {
        try {
            return Candid.decode(reply, List.of(resultType)).get(0);
        } catch (CandidException e) {
            throw IcCallException.protocol(MANAGEMENT, method, "the reply about " + aboutCanister
                    + " does not match the expected Candid type: " + e.getMessage(), e);
        }
    }

    private interface Decoding<T> {
        T decode();
    }

    private static <T> T decodeAs(Principal canisterId, String method, Decoding<T> decoding) throws IcCallException {
        try {
            return decoding.decode();
        } catch (CandidException | IllegalArgumentException e) {
            throw IcCallException.protocol(MANAGEMENT, method, "unexpected reply about " + canisterId + ": " + e.getMessage(), e);
        }
    }

    private static IdlValue installModeValue(InstallMode mode) {
        return switch (mode.kind()) {
            case INSTALL -> variant("install");
            case REINSTALL -> variant("reinstall");
            case UPGRADE -> {
                if (!mode.skipPreUpgrade() && mode.wasmMemoryPersistence() == WasmMemoryPersistence.NONE) {
                    yield variant("upgrade", IdlValue.NONE);
                }
                IdlValue persistence = switch (mode.wasmMemoryPersistence()) {
                    case KEEP -> IdlValue.some(variant("keep"));
                    case REPLACE -> IdlValue.some(variant("replace"));
                    case NONE -> IdlValue.NONE;
                };
                yield variant("upgrade", IdlValue.some(record(Map.of(
                        "skip_pre_upgrade", mode.skipPreUpgrade() ? IdlValue.some(IdlValue.bool(true)) : IdlValue.NONE,
                        "wasm_memory_persistence", persistence))));
            }
        };
    }

    private static IdlValue canisterIdArgs(Principal canisterId) {
        return record(field("canister_id", principal(canisterId)));
    }

    private static IdlValue snapshotArgs(Principal canisterId, SnapshotId snapshotId) {
        return record(field("canister_id", principal(canisterId)), field("snapshot_id", blob(snapshotId.bytes())));
    }

    private static IdlValue opt(Optional<? extends IdlValue> value) {
        return value.<IdlValue>map(IdlValue::some).orElse(IdlValue.NONE);
    }

    private static SnapshotInfo snapshotInfo(IdlValue snapshot) {
        return new SnapshotInfo(
                SnapshotId.of(snapshot.field("id").asBlob()),
                nanosToInstant(snapshot.field("taken_at_timestamp").asNat()),
                snapshot.field("total_size").asLong());
    }

    private static Instant nanosToInstant(BigInteger nanos) {
        BigInteger[] secondsAndNanos = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        return Instant.ofEpochSecond(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
    }
}
