package io.github.icmaven.replica.state;

import io.github.icmaven.replica.execution.Global;
import java.util.List;
import java.util.Optional;

/**
 * A canister snapshot: the module as installed, heap and stable memory, exported globals, certified
 * data, timer and hook state, and a copy of the chunk store. Snapshots taken from a canister are
 * immutable; those created by metadata upload are filled by {@link #write}.
 */
public final class Snapshot {
    public enum Source { TAKEN_FROM_CANISTER, METADATA_UPLOAD }

    /** Where {@link #write} puts a slice. */
    public enum Region { WASM_MODULE, WASM_MEMORY, STABLE_MEMORY }

    private final SnapshotId id;
    private final Source source;
    private final long takenAtNanos;
    private final long canisterVersion;
    private final byte[] wasmModule;
    private final byte[] wasmMemory;
    private final byte[] stableMemory;
    private final List<Global> globals;
    private final byte[] certifiedData;
    private final Optional<GlobalTimer> globalTimer;
    private final Optional<LowWasmMemoryHookStatus> hookStatus;
    private final ChunkStore chunkStore;

    public Snapshot(
            SnapshotId id,
            Source source,
            long takenAtNanos,
            long canisterVersion,
            byte[] wasmModule,
            byte[] wasmMemory,
            byte[] stableMemory,
            List<Global> globals,
            byte[] certifiedData,
            Optional<GlobalTimer> globalTimer,
            Optional<LowWasmMemoryHookStatus> hookStatus,
            ChunkStore chunkStore) {
        this.id = id;
        this.source = source;
        this.takenAtNanos = takenAtNanos;
        this.canisterVersion = canisterVersion;
        this.wasmModule = wasmModule;
        this.wasmMemory = wasmMemory;
        this.stableMemory = stableMemory;
        this.globals = List.copyOf(globals);
        this.certifiedData = certifiedData;
        this.globalTimer = globalTimer;
        this.hookStatus = hookStatus;
        this.chunkStore = chunkStore;
    }

    public SnapshotId id() {
        return id;
    }

    public Source source() {
        return source;
    }

    public long takenAtNanos() {
        return takenAtNanos;
    }

    public long canisterVersion() {
        return canisterVersion;
    }

    public int wasmModuleSize() {
        return wasmModule.length;
    }

    public int wasmMemorySize() {
        return wasmMemory.length;
    }

    public int stableMemorySize() {
        return stableMemory.length;
    }

    public byte[] wasmModule() {
        return wasmModule.clone();
    }

    public byte[] wasmMemory() {
        return wasmMemory.clone();
    }

    public byte[] stableMemory() {
        return stableMemory.clone();
    }

    public List<Global> globals() {
        return globals;
    }

    public byte[] certifiedData() {
        return certifiedData.clone();
    }

    public Optional<GlobalTimer> globalTimer() {
        return globalTimer;
    }

    public Optional<LowWasmMemoryHookStatus> hookStatus() {
        return hookStatus;
    }

    /** The snapshot's own chunk store (mutable only for uploaded snapshots). */
    public ChunkStore chunkStore() {
        return chunkStore;
    }

    /** Bytes {@code [offset, offset + size)} of a region, or empty when out of bounds. */
    public Optional<byte[]> read(Region region, long offset, long size) {
        byte[] data = region(region);
        if (offset < 0 || size < 0 || offset + size > data.length) {
            return Optional.empty();
        }
        byte[] out = new byte[(int) size];
        System.arraycopy(data, (int) offset, out, 0, (int) size);
        return Optional.of(out);
    }

    /** Copies {@code chunk} into a region at {@code offset}; false (and no change) when out of bounds. */
    public boolean write(Region region, long offset, byte[] chunk) {
        byte[] data = region(region);
        if (offset < 0 || offset + chunk.length > data.length) {
            return false;
        }
        System.arraycopy(chunk, 0, data, (int) offset, chunk.length);
        return true;
    }

    /** What total_size reports and the memory the snapshot occupies. */
    public long totalSize() {
        return (long) wasmModule.length + wasmMemory.length + stableMemory.length
                + certifiedData.length + chunkStore.memoryUsage();
    }

    private byte[] region(Region region) {
        return switch (region) {
            case WASM_MODULE -> wasmModule;
            case WASM_MEMORY -> wasmMemory;
            case STABLE_MEMORY -> stableMemory;
        };
    }
}
