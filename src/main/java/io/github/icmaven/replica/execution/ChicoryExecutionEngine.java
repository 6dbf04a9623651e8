package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs canisters with Chicory: wasm32 modules as they are, wasm64 ones (Motoko's enhanced orthogonal
 * persistence) lowered to wasm32 by {@link DecodedWasmModule}. A wasm64 module the lowering cannot
 * handle is installed opaque: kept, upgraded and snapshotted, but not executable.
 *
 * <p>Every entry point sees the {@link ExecutionContext} it is given (time, balance, status,
 * controllers, canister version); callers pass the values the code should observe.
 */
public final class ChicoryExecutionEngine implements ExecutionEngine {
    private static final Logger CANISTER_LOG = Logger.getLogger("io.github.icmaven.replica.canister");

    private final Host host;

    /**
     * Canister output ({@code ic0.debug_print}, trap messages) goes to java.util.logging at FINE.
     *
     * @param rootKeyDer the replica's DER-encoded root key, as {@code ic0.root_key_copy} gives it
     */
    public ChicoryExecutionEngine(byte[] rootKeyDer) {
        this((canister, line) -> CANISTER_LOG.log(Level.FINE, "[Canister {0}] {1}", new Object[] {canister, line}),
                rootKeyDer);
    }

    /**
     * @param debugPrintSink receives each {@code ic0.debug_print} line and trap message (canister id may be null in start)
     * @param rootKeyDer the replica's DER-encoded root key, as {@code ic0.root_key_copy} gives it
     */
    public ChicoryExecutionEngine(BiConsumer<Principal, String> debugPrintSink, byte[] rootKeyDer) {
        this.host = new Host(Objects.requireNonNull(debugPrintSink, "debugPrintSink"), rootKeyDer.clone());
    }

    @Override
    public CanisterInstance install(WasmModule module, byte[] arg, Principal caller, ExecutionContext context)
            throws IcReject {
        DecodedWasmModule decoded = decoded(module);
        if (!decoded.executable()) {
            return new OpaqueCanisterInstance(decoded, new byte[0], SystemState.fresh());
        }
        ChicoryCanisterInstance instance = ChicoryCanisterInstance.start(decoded, SystemState.fresh(), null,
                context.canisterId(), host);
        instance.runSystemEntryPoint(EntryPoints.INIT, ExecutionMode.INIT, arg, caller, context);
        return instance;
    }

    @Override
    public CanisterInstance upgrade(CanisterInstance old, WasmModule module, byte[] arg, Principal caller,
            UpgradeOptions options, ExecutionContext context) throws IcReject {
        DecodedWasmModule decoded = decoded(module);
        byte[] heapAfterPreUpgrade;
        SystemState systemState;
        if (old instanceof ChicoryCanisterInstance executable) {
            // pre_upgrade runs on a copy so that a trap anywhere leaves the old instance as it was.
            ChicoryCanisterInstance scratch = executable.copy();
            if (!options.skipPreUpgrade()) {
                scratch.runSystemEntryPoint(EntryPoints.PRE_UPGRADE, ExecutionMode.PRE_UPGRADE, new byte[0], caller,
                        context);
            }
            heapAfterPreUpgrade = scratch.heap();
            systemState = scratch.systemState();
        } else if (old instanceof OpaqueCanisterInstance opaque) {
            heapAfterPreUpgrade = opaque.wasmMemory();
            systemState = opaque.systemStateCopy();
        } else {
            CanisterState state = old.state();
            heapAfterPreUpgrade = state.wasmMemory();
            systemState = new SystemState(StableMemory.of(state.stableMemory()), state.certifiedData(),
                    state.globalTimer().orElse(0));
        }
        // install_code deactivates the global timer; post_upgrade may set it again.
        systemState.globalTimer = 0;
        byte[] keptHeap = options.keepWasmMemory() ? heapAfterPreUpgrade : null;
        if (!decoded.executable()) {
            return new OpaqueCanisterInstance(decoded, keptHeap == null ? new byte[0] : keptHeap, systemState);
        }
        ChicoryCanisterInstance upgraded = ChicoryCanisterInstance.start(decoded, systemState, keptHeap,
                context.canisterId(), host);
        upgraded.runSystemEntryPoint(EntryPoints.POST_UPGRADE, ExecutionMode.POST_UPGRADE, arg, caller, context);
        return upgraded;
    }

    @Override
    public CanisterInstance restore(WasmModule module, CanisterState state) throws IcReject {
        DecodedWasmModule decoded = decoded(module);
        if (!decoded.executable()) {
            SystemState systemState = new SystemState(StableMemory.of(state.stableMemory()),
                    state.certifiedData().clone(), state.globalTimer().orElse(0));
            return new OpaqueCanisterInstance(decoded, state.wasmMemory().clone(), systemState);
        }
        return ChicoryCanisterInstance.restore(decoded, state, host);
    }

    private static DecodedWasmModule decoded(WasmModule module) throws IcReject {
        return module instanceof DecodedWasmModule decoded ? decoded : DecodedWasmModule.decode(module.bytesAsSent());
    }
}
