package io.github.icmaven.replica.execution;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A wasm32 canister running in Chicory. Each message runs against a checkpoint of the whole state
 * (heap, mutable globals, stable memory, certified data, timer) that is restored when the message
 * traps, and always after a query.
 */
final class ChicoryCanisterInstance implements CanisterInstance {
    private final DecodedWasmModule module;
    private final SystemApi systemApi;
    private Instance instance;

    private ChicoryCanisterInstance(DecodedWasmModule module, SystemApi systemApi, Instance instance) {
        this.module = module;
        this.systemApi = systemApi;
        this.instance = instance;
    }

    /**
     * Instantiates {@code module} over {@code systemState}, optionally replacing the fresh heap with
     * {@code keptHeap}, then runs the start function (as install and upgrade do).
     *
     * @throws IcReject when the start function traps
     */
    static ChicoryCanisterInstance start(DecodedWasmModule module, SystemState systemState, byte[] keptHeap,
            Principal canisterId, Host host) throws IcReject {
        SystemApi api = new SystemApi(systemState, host);
        Instance instance;
        try {
            instance = instantiate(module, api);
            if (keptHeap != null) {
                overwriteHeap(instance, keptHeap);
            }
            if (module.parsed().startSection().isPresent()) {
                int startIndex = (int) module.parsed().startSection().get().startIndex();
                instance.getMachine().call(startIndex, new long[0]);
            }
        } catch (IcReject e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw ReplicaErrors.fromFailure(e, canisterId);
        }
        return new ChicoryCanisterInstance(module, api, instance);
    }

    /** Re-creates an instance from saved state without running any canister code. */
    static ChicoryCanisterInstance restore(DecodedWasmModule module, CanisterState state, Host host)
            throws IcReject {
        SystemState systemState = new SystemState(StableMemory.of(state.stableMemory()),
                state.certifiedData().clone(), state.globalTimer().orElse(0));
        SystemApi api = new SystemApi(systemState, host);
        Instance instance = instantiate(module, api);
        overwriteHeap(instance, state.wasmMemory());
        List<GlobalInstance> globals = persistedGlobals(instance);
        if (globals.size() != state.globals().size()) {
            throw ReplicaErrors.invalidWasm("the saved state has " + state.globals().size()
                    + " mutable globals but the module declares " + globals.size());
        }
        for (int i = 0; i < globals.size(); i++) {
            globals.get(i).setValue(state.globals().get(i).bits());
        }
        return new ChicoryCanisterInstance(module, api, instance);
    }

    /** An independent copy (for running pre_upgrade without touching this instance). */
    ChicoryCanisterInstance copy() throws IcReject {
        return restore(module, state(), systemApi.host());
    }

    /**
     * Runs a system entry point (init, pre_upgrade, post_upgrade) if the module exports it; changes
     * are kept unless it traps, in which case this instance must be discarded by the caller.
     */
    void runSystemEntryPoint(String export, ExecutionMode mode, byte[] arg, Principal caller,
            ExecutionContext context) throws IcReject {
        if (!module.exportedFunctions().contains(export)) {
            return;
        }
        MessageExecution message = new MessageExecution(mode, null, arg, caller, context);
        run(message, () -> instance.export(export).apply());
    }

    @Override
    public WasmModule module() {
        return module;
    }

    @Override
    public CallOutcome update(String method, byte[] arg, Principal caller, ExecutionContext context) throws IcReject {
        return requireResponse(execute(method, arg, caller, BigInteger.ZERO, context), context);
    }

    @Override
    public ExecutionResult execute(String method, byte[] arg, Principal caller, BigInteger cycles,
            ExecutionContext context) throws IcReject {
        String export = EntryPoints.UPDATE_PREFIX + method;
        if (module.exportedFunctions().contains(export)) {
            MessageExecution message = new MessageExecution(ExecutionMode.UPDATE, method, arg, caller, context);
            message.cyclesAvailable = cycles;
            return runExport(export, message, true);
        }
        // An update call may target a query method; it runs replicated and its changes are discarded.
        String queryExport = queryExport(method);
        if (queryExport != null) {
            return runExport(queryExport,
                    new MessageExecution(ExecutionMode.REPLICATED_QUERY, method, arg, caller, context), false);
        }
        throw ReplicaErrors.methodNotFound(context.canisterId(), "update", method);
    }

    @Override
    public CallOutcome query(String method, byte[] arg, Principal caller, ExecutionContext context) throws IcReject {
        return query(method, arg, caller, context, null);
    }

    @Override
    public CallOutcome query(String method, byte[] arg, Principal caller, ExecutionContext context,
            Supplier<byte[]> dataCertificate) throws IcReject {
        String export = queryExport(method);
        if (export == null) {
            throw ReplicaErrors.methodNotFound(context.canisterId(), "query", method);
        }
        MessageExecution message = new MessageExecution(ExecutionMode.NON_REPLICATED_QUERY, method, arg, caller,
                context);
        message.dataCertificate = dataCertificate;
        message.compositeQuery = export.startsWith(EntryPoints.COMPOSITE_QUERY_PREFIX);
        return requireResponse(runExport(export, message, false), context);
    }

    @Override
    public ExecutionResult callback(Callback callback, CalleeResponse response, Principal caller,
            boolean contextResponded, BigInteger refunded, BigInteger availableCycles, ExecutionContext context)
            throws IcReject {
        boolean replied = response instanceof CalleeResponse.Replied;
        byte[] arg = replied ? ((CalleeResponse.Replied) response).bytes() : new byte[0];
        MessageExecution message = new MessageExecution(
                replied ? ExecutionMode.REPLY_CALLBACK : ExecutionMode.REJECT_CALLBACK, null, arg, caller, context);
        message.response = response;
        message.contextAlreadyResponded = contextResponded;
        message.cyclesRefunded = refunded;
        message.cyclesAvailable = availableCycles;
        Checkpoint checkpoint = Checkpoint.of(this);
        try {
            runTableFunction(replied ? callback.replyFun() : callback.rejectFun(),
                    replied ? callback.replyEnv() : callback.rejectEnv(), message);
            return message.result();
        } catch (IcReject trap) {
            checkpoint.restoreInto(this);
            if (callback.cleanupFun().isPresent()) {
                runCleanup(callback, response, caller, context);
            }
            throw trap;
        }
    }

    /** Cleanup keeps its changes unless it traps too; either way the callback's trap is what the caller sees. */
    private void runCleanup(Callback callback, CalleeResponse response, Principal caller, ExecutionContext context)
            throws IcReject {
        MessageExecution cleanup = new MessageExecution(ExecutionMode.CLEANUP, null, new byte[0], caller, context);
        cleanup.response = response;
        Checkpoint checkpoint = Checkpoint.of(this);
        try {
            runTableFunction(callback.cleanupFun().getAsLong(), callback.cleanupEnv(), cleanup);
        } catch (IcReject trapInCleanup) {
            checkpoint.restoreInto(this);
        }
    }

    @Override
    public byte[] certifiedData() {
        return systemApi.systemState.certifiedData.clone();
    }

    @Override
    public CanisterState state() {
        List<Global> globals = new ArrayList<>();
        for (GlobalInstance global : persistedGlobals(instance)) {
            globals.add(new Global(globalType(global.getType()), global.getValue()));
        }
        SystemState system = systemApi.systemState;
        return new CanisterState(heapBytes(instance), system.stableMemory.toBytes(), List.copyOf(globals),
                system.certifiedData.clone(),
                system.globalTimer == 0 ? OptionalLong.empty() : OptionalLong.of(system.globalTimer));
    }

    @Override
    public Set<String> updateMethods() {
        return module.updateMethods();
    }

    @Override
    public Set<String> queryMethods() {
        return module.queryMethods();
    }

    /** The live system state (stable memory, certified data, timer), handed to the next module on upgrade. */
    SystemState systemState() {
        return systemApi.systemState;
    }

    byte[] heap() {
        return heapBytes(instance);
    }

    private String queryExport(String method) {
        for (String prefix : List.of(EntryPoints.QUERY_PREFIX, EntryPoints.COMPOSITE_QUERY_PREFIX)) {
            if (module.exportedFunctions().contains(prefix + method)) {
                return prefix + method;
            }
        }
        return null;
    }

    private static CallOutcome requireResponse(ExecutionResult result, ExecutionContext context) throws IcReject {
        return result.outcome().orElseThrow(() -> ReplicaErrors.didNotReply(context.canisterId()));
    }

    private ExecutionResult runExport(String export, MessageExecution message, boolean keepChanges) throws IcReject {
        Checkpoint checkpoint = Checkpoint.of(this);
        try {
            run(message, () -> instance.export(export).apply());
        } catch (IcReject e) {
            checkpoint.restoreInto(this);
            throw e;
        }
        if (!keepChanges) {
            checkpoint.restoreInto(this);
        }
        return message.result();
    }

    /** Calls the callback at {@code tableIndex} of table 0, which must have type (i32) -> () (spec: call_new). */
    private void runTableFunction(long tableIndex, long env, MessageExecution message) throws IcReject {
        run(message, () -> {
            if (instance.tableCount() == 0 || tableIndex >= instance.table(0).size()) {
                throw CanisterTrap.trapped("callback table index " + tableIndex + " out of bounds");
            }
            int function = instance.table(0).ref((int) tableIndex);
            if (function < 0) {
                throw CanisterTrap.trapped("callback table entry " + tableIndex + " is uninitialized");
            }
            FunctionType type = instance.type(instance.functionType(function));
            if (!type.typesMatch(FunctionType.of(List.of(ValType.I32), List.of()))) {
                throw CanisterTrap.trapped("callback function " + tableIndex + " does not have type (i32) -> ()");
            }
            instance.getMachine().call(function, new long[] {env});
        });
    }

    private void run(MessageExecution message, Runnable code) throws IcReject {
        systemApi.message = message;
        try {
            code.run();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw ReplicaErrors.fromFailure(e, message.context.canisterId());
        } finally {
            systemApi.message = null;
        }
    }

    private static Instance instantiate(DecodedWasmModule module, SystemApi api) throws IcReject {
        try {
            // Built from the start-less parse: the start function runs only when install/upgrade ask for it.
            return Instance.builder(module.parsedWithoutStart())
                    .withImportValues(api.importsFor(module.parsedWithoutStart()))
                    .withStart(false)
                    .build();
        } catch (RuntimeException e) {
            throw ReplicaErrors.invalidWasm("Failed to instantiate the module: " + e.getMessage());
        }
    }

    private static void overwriteHeap(Instance instance, byte[] heap) throws IcReject {
        Memory memory = instance.memory();
        if (memory == null) {
            if (heap.length > 0) {
                throw ReplicaErrors.invalidWasm("the module declares no memory but the canister has a "
                        + heap.length + "-byte Wasm memory to keep");
            }
            return;
        }
        int pages = heap.length / Memory.PAGE_SIZE;
        if (memory.pages() < pages && memory.grow(pages - memory.pages()) < 0) {
            throw ReplicaErrors.invalidWasm("the module's memory cannot hold the " + heap.length
                    + "-byte Wasm memory to keep");
        }
        if (heap.length > 0) {
            memory.write(0, heap);
        }
        int currentBytes = memory.pages() * Memory.PAGE_SIZE;
        if (currentBytes > heap.length) {
            memory.fill((byte) 0, heap.length, currentBytes);
        }
    }

    private static byte[] heapBytes(Instance instance) {
        Memory memory = instance.memory();
        return memory == null || memory.pages() == 0 ? new byte[0]
                : memory.readBytes(0, memory.pages() * Memory.PAGE_SIZE);
    }

    /**
     * Mutable numeric globals in index order: what the IC persists (its instrumentation exports every
     * mutable global, so "exported mutable globals" means all of them, e.g. the stack pointer).
     */
    private static List<GlobalInstance> persistedGlobals(Instance instance) {
        List<GlobalInstance> globals = new ArrayList<>();
        for (int i = 0; i < instance.globalCount(); i++) {
            GlobalInstance global = instance.global(i);
            if (global.getMutabilityType() == MutabilityType.Var && isNumeric(global.getType())) {
                globals.add(global);
            }
        }
        return globals;
    }

    private static boolean isNumeric(ValType type) {
        return type.equals(ValType.I32) || type.equals(ValType.I64) || type.equals(ValType.F32)
                || type.equals(ValType.F64);
    }

    private static Global.Type globalType(ValType type) {
        if (type.equals(ValType.I32)) {
            return Global.Type.I32;
        }
        if (type.equals(ValType.I64)) {
            return Global.Type.I64;
        }
        if (type.equals(ValType.F32)) {
            return Global.Type.F32;
        }
        return Global.Type.F64;
    }

    /** Everything a message may change, saved before it runs. */
    private record Checkpoint(byte[] heap, long[][] globals, SystemState systemState) {
        static Checkpoint of(ChicoryCanisterInstance canister) {
            Instance instance = canister.instance;
            long[][] globals = new long[instance.globalCount()][];
            for (int i = 0; i < globals.length; i++) {
                GlobalInstance global = instance.global(i);
                globals[i] = new long[] {global.getValueLow(), global.getValueHigh()};
            }
            return new Checkpoint(heapBytes(instance), globals, canister.systemApi.systemState.copy());
        }

        void restoreInto(ChicoryCanisterInstance canister) throws IcReject {
            Instance instance = canister.instance;
            Memory memory = instance.memory();
            if (memory != null && memory.pages() * (long) Memory.PAGE_SIZE != heap.length) {
                // Wasm memory cannot shrink: build a fresh instance holding the saved heap.
                instance = instantiate(canister.module, canister.systemApi);
                overwriteHeap(instance, heap);
                canister.instance = instance;
            } else if (memory != null && heap.length > 0) {
                memory.write(0, heap);
            }
            for (int i = 0; i < globals.length; i++) {
                GlobalInstance global = instance.global(i);
                global.setValueLow(globals[i][0]);
                global.setValueHigh(globals[i][1]);
            }
            canister.systemApi.systemState.restore(systemState);
        }
    }
}
