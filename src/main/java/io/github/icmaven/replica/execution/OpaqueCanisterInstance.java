package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A wasm64 module the lowering cannot turn into wasm32 (it uses SIMD, atomics, several memories,
 * ...): installed so that its hash,
 * metadata, heap and stable memory can be kept, upgraded, snapshotted and restored, but every call
 * is rejected.
 */
final class OpaqueCanisterInstance implements CanisterInstance {
    private final DecodedWasmModule module;
    private final byte[] wasmMemory;
    private final SystemState systemState;

    OpaqueCanisterInstance(DecodedWasmModule module, byte[] wasmMemory, SystemState systemState) {
        this.module = module;
        this.wasmMemory = wasmMemory;
        this.systemState = systemState;
    }

    @Override
    public WasmModule module() {
        return module;
    }

    @Override
    public CallOutcome update(String method, byte[] arg, Principal caller, ExecutionContext context) throws IcReject {
        throw ReplicaErrors.notExecutable(context.canisterId(), "update method '" + method + "'",
                module.notExecutableReason());
    }

    @Override
    public CallOutcome query(String method, byte[] arg, Principal caller, ExecutionContext context) throws IcReject {
        throw ReplicaErrors.notExecutable(context.canisterId(), "query method '" + method + "'",
                module.notExecutableReason());
    }

    @Override
    public byte[] certifiedData() {
        return systemState.certifiedData.clone();
    }

    @Override
    public CanisterState state() {
        return new CanisterState(wasmMemory.clone(), systemState.stableMemory.toBytes(), List.of(),
                systemState.certifiedData.clone(),
                systemState.globalTimer == 0 ? OptionalLong.empty() : OptionalLong.of(systemState.globalTimer));
    }

    /** The heap after pre-upgrade would have run: for an opaque module, simply the heap as it is. */
    byte[] wasmMemory() {
        return wasmMemory.clone();
    }

    SystemState systemStateCopy() {
        return systemState.copy();
    }

    @Override
    public Set<String> updateMethods() {
        return module.updateMethods();
    }

    @Override
    public Set<String> queryMethods() {
        return module.queryMethods();
    }
}
