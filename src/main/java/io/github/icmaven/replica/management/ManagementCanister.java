package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CallOutcome;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.CanisterState;
import io.github.icmaven.replica.execution.ExecutionEngine;
import io.github.icmaven.replica.management.CanisterArgs.CanisterIdArgs;
import io.github.icmaven.replica.management.CanisterArgs.CanisterStatusResult;
import io.github.icmaven.replica.management.CanisterArgs.ChunkHashRecord;
import io.github.icmaven.replica.management.CanisterArgs.CreateCanisterResult;
import io.github.icmaven.replica.management.CanisterArgs.DefiniteSettings;
import io.github.icmaven.replica.management.CanisterArgs.InstallChunkedCodeArgs;
import io.github.icmaven.replica.management.CanisterArgs.InstallCodeArgs;
import io.github.icmaven.replica.management.CanisterArgs.MemoryMetrics;
import io.github.icmaven.replica.management.CanisterArgs.ProvisionalCreateArgs;
import io.github.icmaven.replica.management.CanisterArgs.QueryStats;
import io.github.icmaven.replica.management.CanisterArgs.UninstallCodeArgs;
import io.github.icmaven.replica.management.CanisterArgs.UpdateSettingsArgs;
import io.github.icmaven.replica.management.CanisterArgs.UploadChunkArgs;
import io.github.icmaven.replica.management.SnapshotArgs.LoadSnapshotArgs;
import io.github.icmaven.replica.management.SnapshotArgs.ReadSnapshotDataArgs;
import io.github.icmaven.replica.management.SnapshotArgs.ReadSnapshotDataResult;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotInfo;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotMetadata;
import io.github.icmaven.replica.management.SnapshotArgs.SnapshotRef;
import io.github.icmaven.replica.management.SnapshotArgs.TakeSnapshotArgs;
import io.github.icmaven.replica.management.SnapshotArgs.UploadSnapshotDataArgs;
import io.github.icmaven.replica.management.SnapshotArgs.UploadSnapshotMetadataArgs;
import io.github.icmaven.replica.management.SnapshotArgs.UploadSnapshotMetadataResult;
import io.github.icmaven.replica.state.Canister;
import io.github.icmaven.replica.state.CanisterStatus;
import io.github.icmaven.replica.state.ChunkHash;
import io.github.icmaven.replica.state.ChunkStore;
import io.github.icmaven.replica.state.ModuleDecoder;
import io.github.icmaven.replica.state.ReplicaState;
import io.github.icmaven.replica.state.Sha256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The IC management canister ({@code aaaaa-aa}) as typed Java methods, plus the entry points for
 * user calls to canisters. Every method takes the caller and the candid argument as a record and
 * throws {@link IcReject} with the replica's reject code, error code and text. All methods run
 * under the state's lock, so each is atomic.
 */
public final class ManagementCanister {
    /** What provisional_create_canister_with_cycles gives when no amount is named (the replica's default). */
    public static final BigInteger DEFAULT_PROVISIONAL_CYCLES = new BigInteger("100000000000000");

    private final ReplicaState state;
    private final CodeInstaller installer;
    private final SnapshotOperations snapshots;
    private final CanisterCalls calls;

    public ManagementCanister(ReplicaState state, ExecutionEngine engine) {
        this(state, engine, ModuleDecoder.standard());
    }

    public ManagementCanister(ReplicaState state, ExecutionEngine engine, ModuleDecoder decoder) {
        this.state = state;
        this.installer = new CodeInstaller(engine, decoder);
        this.snapshots = new SnapshotOperations(state, engine, decoder);
        this.calls = new CanisterCalls(state);
    }

    public ReplicaState state() {
        return state;
    }

    // ---- lifecycle ----

    public CreateCanisterResult provisionalCreateCanisterWithCycles(Principal caller, ProvisionalCreateArgs args)
            throws IcReject {
        synchronized (state) {
            SettingsUpdate settings = args.settings().orElse(SettingsUpdate.none());
            List<Principal> controllers = settings.controllers().orElse(List.of(caller));
            checkControllerCount(controllers);
            Principal id;
            if (args.specifiedId().isPresent()) {
                id = args.specifiedId().get();
                if (state.exists(id)) {
                    throw Rejects.canisterIdAlreadyExists(id);
                }
            } else {
                id = state.allocateCanisterId();
            }
            Canister canister = new Canister(id, controllers, args.amount().orElse(DEFAULT_PROVISIONAL_CYCLES));
            canister.setSettings(settings.applyTo(canister.settings()));
            state.add(canister);
            return new CreateCanisterResult(id);
        }
    }

    public void updateSettings(Principal caller, UpdateSettingsArgs args) throws IcReject {
        synchronized (state) {
            Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
            SettingsUpdate update = args.settings();
            if (update.controllers().isPresent()) {
                checkControllerCount(update.controllers().get());
            }
            update.controllers().ifPresent(canister::setControllers);
            canister.setSettings(update.applyTo(canister.settings()));
            canister.bumpVersion();
        }
    }

    public CanisterStatusResult canisterStatus(Principal caller, CanisterIdArgs args) throws IcReject {
        synchronized (state) {
            Canister canister = Access.canister(state, args.canisterId());
            // Spec: whatever the visibility, the canister itself may always read its status.
            if (!caller.equals(canister.id())) {
                Access.requireViewer(canister, caller, canister.settings().statusVisibility());
            }
            Optional<CanisterInstance> instance = canister.instance();
            Optional<CanisterState> current = instance.map(CanisterInstance::state);
            long heap = current.map(s -> (long) s.wasmMemory().length).orElse(0L);
            long stable = current.map(s -> (long) s.stableMemory().length).orElse(0L);
            long globals = current.map(s -> (long) s.globals().size() * 8).orElse(0L);
            long binary = instance.map(i -> (long) i.module().bytesAsSent().length).orElse(0L);
            long custom = instance.map(i -> sectionBytes(i)).orElse(0L);
            long chunks = canister.chunkStore().memoryUsage();
            long snapshotBytes = canister.snapshotsMemoryUsage();
            MemoryMetrics metrics = new MemoryMetrics(big(heap), big(stable), big(globals), big(binary), big(custom),
                    BigInteger.ZERO, big(chunks), big(snapshotBytes));
            long total = heap + stable + globals + binary + custom + chunks + snapshotBytes;
            return new CanisterStatusResult(
                    canister.status(),
                    false,
                    canister.version(),
                    new DefiniteSettings(canister.controllers(), canister.settings()),
                    canister.moduleHash(),
                    big(total),
                    metrics,
                    canister.cycles(),
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    QueryStats.ZERO);
        }
    }

    /** Stops at once: this replica has no outstanding calls to wait for. Stopping a stopped canister succeeds. */
    public void stopCanister(Principal caller, CanisterIdArgs args) throws IcReject {
        synchronized (state) {
            Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
            canister.setStatus(CanisterStatus.STOPPED);
            canister.bumpVersion();
        }
    }

    public void startCanister(Principal caller, CanisterIdArgs args) throws IcReject {
        synchronized (state) {
            Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
            canister.setStatus(CanisterStatus.RUNNING);
            canister.bumpVersion();
        }
    }

    public void deleteCanister(Principal caller, CanisterIdArgs args) throws IcReject {
        synchronized (state) {
            Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
            if (canister.status() != CanisterStatus.STOPPED) {
                throw Rejects.deleteNotStopped(canister.id());
            }
            // Its snapshots go with it: they live on the canister.
            state.remove(canister.id());
        }
    }

    // ---- code ----

    public void installCode(Principal caller, InstallCodeArgs args) throws IcReject {
        synchronized (state) {
            Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
            installer.install(canister, caller, args.mode(), args.wasmModule(), args.arg(), state.timeNanos());
        }
    }

    public void uninstallCode(Principal caller, UninstallCodeArgs args) throws IcReject {
        synchronized (state) {
            CodeInstaller.uninstall(Access.controlledCanister(state, args.canisterId(), caller));
        }
    }

    public ChunkHashRecord uploadChunk(Principal caller, UploadChunkArgs args) throws IcReject {
        synchronized (state) {
            Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
            try {
                return new ChunkHashRecord(canister.chunkStore().insert(args.chunk()).bytes());
            } catch (ChunkStore.ChunkRejected e) {
                throw Rejects.chunkStoreError(e.getMessage());
            }
        }
    }

    public List<ChunkHashRecord> storedChunks(Principal caller, CanisterIdArgs args) throws IcReject {
        synchronized (state) {
            Canister canister = Access.controlledCanister(state, args.canisterId(), caller);
            return canister.chunkStore().hashes().stream().map(h -> new ChunkHashRecord(h.bytes())).toList();
        }
    }

    public void clearChunkStore(Principal caller, CanisterIdArgs args) throws IcReject {
        synchronized (state) {
            Access.controlledCanister(state, args.canisterId(), caller).chunkStore().clear();
        }
    }

    /**
     * Assembles the module from the store canister's chunks (default: the target), checks its hash and
     * installs it. The caller must control both canisters.
     */
    public void installChunkedCode(Principal caller, InstallChunkedCodeArgs args) throws IcReject {
        synchronized (state) {
            Canister target = Access.controlledCanister(state, args.targetCanister(), caller);
            Canister store = args.storeCanister().isEmpty() || args.storeCanister().get().equals(target.id())
                    ? target
                    : Access.controlledCanister(state, args.storeCanister().get(), caller);
            if (args.wasmModuleHash().length != ChunkHash.LENGTH) {
                throw Rejects.invalidWasmHash(args.wasmModuleHash());
            }
            byte[] module = assemble(store.chunkStore(), args.chunkHashes());
            byte[] actualHash = Sha256.of(module);
            if (!Arrays.equals(actualHash, args.wasmModuleHash())) {
                throw Rejects.chunkStoreError("Wasm module hash " + Rejects.rustDebug(actualHash)
                        + " does not match given hash WasmHash(" + Rejects.rustDebug(args.wasmModuleHash()) + ")");
            }
            installer.install(target, caller, args.mode(), module, args.arg(), state.timeNanos());
        }
    }

    // ---- snapshots ----

    public SnapshotInfo takeCanisterSnapshot(Principal caller, TakeSnapshotArgs args) throws IcReject {
        synchronized (state) {
            return snapshots.take(caller, args);
        }
    }

    public void loadCanisterSnapshot(Principal caller, LoadSnapshotArgs args) throws IcReject {
        synchronized (state) {
            snapshots.load(caller, args);
        }
    }

    public List<SnapshotInfo> listCanisterSnapshots(Principal caller, CanisterIdArgs args) throws IcReject {
        synchronized (state) {
            return snapshots.list(caller, args.canisterId());
        }
    }

    public void deleteCanisterSnapshot(Principal caller, SnapshotRef args) throws IcReject {
        synchronized (state) {
            snapshots.delete(caller, args);
        }
    }

    public SnapshotMetadata readCanisterSnapshotMetadata(Principal caller, SnapshotRef args) throws IcReject {
        synchronized (state) {
            return snapshots.readMetadata(caller, args);
        }
    }

    public ReadSnapshotDataResult readCanisterSnapshotData(Principal caller, ReadSnapshotDataArgs args) throws IcReject {
        synchronized (state) {
            return snapshots.readData(caller, args);
        }
    }

    public UploadSnapshotMetadataResult uploadCanisterSnapshotMetadata(Principal caller, UploadSnapshotMetadataArgs args)
            throws IcReject {
        synchronized (state) {
            return snapshots.uploadMetadata(caller, args);
        }
    }

    public void uploadCanisterSnapshotData(Principal caller, UploadSnapshotDataArgs args) throws IcReject {
        synchronized (state) {
            snapshots.uploadData(caller, args);
        }
    }

    // ---- calls to user canisters ----

    /** A query call; rejects for unknown, stopped, stopping or empty canisters; never changes state. */
    public CallOutcome callQuery(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        return callQuery(caller, canisterId, method, arg, null);
    }

    /**
     * A query call whose {@code ic0.data_certificate_*} give {@code dataCertificate}'s certificate
     * (null: none present, as in a query that is not the target of a query call).
     */
    public CallOutcome callQuery(Principal caller, Principal canisterId, String method, byte[] arg,
            Supplier<byte[]> dataCertificate) throws IcReject {
        synchronized (state) {
            return calls.query(caller, canisterId, method, arg, dataCertificate);
        }
    }

    private static byte[] assemble(ChunkStore store, List<byte[]> hashes) throws IcReject {
        List<byte[]> chunks = new ArrayList<>(hashes.size());
        long size = 0;
        for (byte[] hash : hashes) {
            if (hash.length != ChunkHash.LENGTH) {
                throw Rejects.chunkStoreError("Chunk hash is invalid. The length is not 32");
            }
            byte[] chunk = store.get(ChunkHash.of(hash))
                    .orElseThrow(() -> Rejects.chunkStoreError("Chunk hash " + Rejects.rustDebug(hash) + " was not found"));
            chunks.add(chunk);
            size += chunk.length;
        }
        if (size > Integer.MAX_VALUE - 8) { // a list repeating hashes can name more than an array holds
            throw Rejects.chunkStoreError("The chunks add up to " + size + " bytes, more than a Wasm module may have");
        }
        // One array of the final size: growing a buffer would copy a large module several times over.
        byte[] module = new byte[(int) size];
        int offset = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, module, offset, chunk.length);
            offset += chunk.length;
        }
        return module;
    }

    private static void checkControllerCount(List<Principal> controllers) throws IcReject {
        if (controllers.size() > Canister.MAX_CONTROLLERS) {
            throw Rejects.tooManyControllers(Canister.MAX_CONTROLLERS);
        }
    }

    private static long sectionBytes(CanisterInstance instance) {
        long total = 0;
        for (byte[] v : instance.module().publicMetadata().values()) {
            total += v.length;
        }
        for (byte[] v : instance.module().privateMetadata().values()) {
            total += v.length;
        }
        return total;
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

}
