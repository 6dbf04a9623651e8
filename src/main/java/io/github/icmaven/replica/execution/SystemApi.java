package io.github.icmaven.replica.execution;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.icmaven.ic.Principal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ic0} host functions of one canister instance (32-bit System API). The instance points
 * {@link #message} at the running entry point and {@link #systemState} at its stable memory,
 * certified data and timer; the functions read and change those.
 */
final class SystemApi {
    static final String MODULE = "ic0";

    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;
    private static final Map<String, Definition> DEFINITIONS = definitions();

    private final Host host;
    MessageExecution message;
    SystemState systemState;

    SystemApi(SystemState systemState, Host host) {
        this.systemState = systemState;
        this.host = host;
    }

    /**
     * Host functions for every import of {@code module}. An {@code ic0} function the embedded replica
     * does not implement links to a function that rejects the message naming it when called, so
     * canisters that merely import it still install and run.
     */
    ImportValues importsFor(com.dylibso.chicory.wasm.WasmModule module) {
        List<com.dylibso.chicory.runtime.ImportFunction> functions = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import anImport = module.importSection().getImport(i);
            if (!(anImport instanceof FunctionImport functionImport)) {
                continue;
            }
            FunctionType declared = module.typeSection().getType(functionImport.typeIndex());
            Definition definition = DEFINITIONS.get(anImport.name());
            String name = anImport.name();
            if (definition == null) {
                functions.add(new HostFunction(anImport.module(), name, declared, (instance, args) -> {
                    throw CanisterTrap.unsupported(name, "");
                }));
            } else {
                functions.add(new HostFunction(anImport.module(), name, declared,
                        (instance, args) -> definition.handler().apply(this, instance, args)));
            }
        }
        return ImportValues.builder().withFunctions(functions).build();
    }

    /** The (wasm32) type of {@code ic0.<name>} if the replica implements it; the wasm64 lowering adapts to it. */
    static Optional<FunctionType> servedType(String name) {
        return Optional.ofNullable(DEFINITIONS.get(name)).map(Definition::type);
    }

    /** The first ic0 import whose type differs from the System API's, if any (such modules are invalid). */
    static Optional<String> signatureMismatch(com.dylibso.chicory.wasm.WasmModule module) {
        for (int i = 0; i < module.importSection().importCount(); i++) {
            if (module.importSection().getImport(i) instanceof FunctionImport functionImport) {
                Definition definition = DEFINITIONS.get(functionImport.name());
                FunctionType declared = module.typeSection().getType(functionImport.typeIndex());
                if (definition != null && !definition.type().typesMatch(declared)) {
                    return Optional.of("Wasm module has an invalid import section. Module imports function '"
                            + functionImport.name() + "' from 'ic0' that has the wrong signature: expected "
                            + definition.type().params() + " -> " + definition.type().returns());
                }
            }
        }
        return Optional.empty();
    }

    // ---- message inputs ----

    private long[] msgArgDataSize() {
        return i32(requireArgument("msg_arg_data_size").length);
    }

    private void msgArgDataCopy(Instance instance, long dst, long offset, long size) {
        copyOut(instance, "msg_arg_data_copy", requireArgument("msg_arg_data_copy"), dst, offset, size);
    }

    private byte[] requireArgument(String function) {
        MessageExecution m = requireMessage(function);
        if (!m.mode.hasArgument()) {
            throw notInMode(function, m);
        }
        return m.arg;
    }

    private byte[] callerBytes(String function) {
        return requireMessage(function).caller.bytes();
    }

    private byte[] methodName(String function) {
        String name = requireMessage(function).methodName;
        return (name == null ? "" : name).getBytes(StandardCharsets.UTF_8);
    }

    // ---- responding ----

    private void replyDataAppend(Instance instance, long src, long size) {
        MessageExecution m = requireResponding("msg_reply_data_append");
        m.replyBuffer.writeBytes(readMemory(instance, "msg_reply_data_append", src, size));
    }

    private void reply() {
        MessageExecution m = requireResponding("msg_reply");
        m.outcome = new CallOutcome.Reply(m.replyBuffer.toByteArray());
    }

    private void reject(Instance instance, long src, long size) {
        MessageExecution m = requireResponding("msg_reject");
        byte[] text = readMemory(instance, "msg_reject", src, size);
        m.outcome = new CallOutcome.Reject(new String(text, StandardCharsets.UTF_8));
    }

    private MessageExecution requireResponding(String function) {
        MessageExecution m = requireMessage(function);
        if (!m.mode.mayRespond()) {
            throw notInMode(function, m);
        }
        if (m.outcome != null || m.contextAlreadyResponded) {
            throw CanisterTrap.contractViolation("ic0." + function + ": the call is already replied");
        }
        return m;
    }

    // ---- canister and system state ----

    private void cycleBalance128(Instance instance, long dst) {
        BigInteger balance = requireMessage("canister_cycle_balance128").cycleBalance();
        writeMemory(instance, "canister_cycle_balance128", dst, u128LittleEndian(balance));
    }

    private long[] cycleBalance64() {
        BigInteger balance = requireMessage("canister_cycle_balance").cycleBalance();
        if (balance.bitLength() > 64) {
            throw CanisterTrap.trapped("cycles amount exceeds 64-bit representation");
        }
        return i64(balance.longValue());
    }

    private long[] isController(Instance instance, long src, long size) {
        byte[] bytes = readMemory(instance, "is_controller", src, size);
        if (bytes.length > 29) {
            throw CanisterTrap.contractViolation("ic0.is_controller: the argument is not a valid principal");
        }
        return i32(requireMessage("is_controller").context.controllers().contains(Principal.of(bytes)) ? 1 : 0);
    }

    private void certifiedDataSet(Instance instance, long src, long size) {
        MessageExecution m = requireMessage("certified_data_set");
        if (!m.mode.maySetSystemState()) {
            throw notInMode("certified_data_set", m);
        }
        if (size > SystemState.MAX_CERTIFIED_DATA) {
            throw CanisterTrap.contractViolation("ic0.certified_data_set failed because the passed data must be no"
                    + " larger than 32 bytes. Found " + size + " bytes");
        }
        systemState.certifiedData = readMemory(instance, "certified_data_set", src, size);
    }

    private long[] globalTimerSet(long timestamp) {
        MessageExecution m = requireMessage("global_timer_set");
        if (!m.mode.maySetSystemState()) {
            throw notInMode("global_timer_set", m);
        }
        long previous = systemState.globalTimer;
        systemState.globalTimer = timestamp;
        return i64(previous);
    }

    private void debugPrint(Instance instance, long src, long size) {
        // Never traps (spec): unreadable ranges print a placeholder.
        String text;
        try {
            text = new String(readMemory(instance, "debug_print", src, size), StandardCharsets.UTF_8);
        } catch (CanisterTrap e) {
            text = "(debug_print message out of bounds)";
        }
        host.debugPrintSink().accept(canisterIdOrNull(), text);
    }

    private void trap(Instance instance, long src, long size) {
        String text;
        try {
            text = new String(readMemory(instance, "trap", src, size), StandardCharsets.UTF_8);
        } catch (CanisterTrap e) {
            text = "(trap message out of bounds)";
        }
        host.debugPrintSink().accept(canisterIdOrNull(), "[TRAP]: " + text);
        throw CanisterTrap.calledTrap(text);
    }

    Host host() {
        return host;
    }

    /** Null while the start function runs: no message, so no context. */
    private Principal canisterIdOrNull() {
        return message == null ? null : message.context.canisterId();
    }

    private byte[] canisterSelf(String function) {
        return requireMessage(function).context.canisterId().bytes();
    }

    // ---- inter-canister calls ----

    private void callNew(Instance instance, long[] x) {
        MessageExecution m = requireMessage("call_new");
        if (m.compositeQuery) {
            throw CanisterTrap.unsupported("call_new", " in a composite query (calls from composite queries)");
        }
        if (!m.mode.mayCall()) {
            throw notInMode("call_new", m);
        }
        byte[] callee = readMemory(instance, "call_new", u32(x[0]), u32(x[1]));
        if (callee.length > 29) {
            throw CanisterTrap.contractViolation("ic0.call_new: the callee is not a valid principal");
        }
        String method = new String(readMemory(instance, "call_new", u32(x[2]), u32(x[3])), StandardCharsets.UTF_8);
        // A call still under construction is discarded; its cycles return to the balance.
        m.callUnderConstruction = new MessageExecution.CallBuilder(Principal.of(callee), method,
                u32(x[4]), u32(x[5]), u32(x[6]), u32(x[7]));
    }

    private MessageExecution.CallBuilder requireCall(String function) {
        MessageExecution m = requireMessage(function);
        if (!m.mode.mayCall()) {
            throw notInMode(function, m);
        }
        if (m.callUnderConstruction == null) {
            throw CanisterTrap.contractViolation("ic0." + function + " called when no call is under construction");
        }
        return m.callUnderConstruction;
    }

    private void callOnCleanup(long fun, long env) {
        MessageExecution.CallBuilder call = requireCall("call_on_cleanup");
        if (call.cleanupFun.isPresent()) {
            throw CanisterTrap.contractViolation("ic0.call_on_cleanup: the cleanup callback is already set");
        }
        call.cleanupFun = java.util.OptionalLong.of(fun);
        call.cleanupEnv = env;
    }

    private void callDataAppend(Instance instance, long src, long size) {
        requireCall("call_data_append").arg.writeBytes(readMemory(instance, "call_data_append", src, size));
    }

    /**
     * Best-effort calls get a reject (SYS_UNKNOWN) when their timeout passes; in the embedded replica
     * every call is answered before the ingress message that started it ends, so none times out.
     */
    private void callWithBestEffortResponse() {
        MessageExecution.CallBuilder call = requireCall("call_with_best_effort_response");
        if (call.bestEffortTimeoutSet) {
            throw CanisterTrap.contractViolation("ic0.call_with_best_effort_response: the timeout is already set");
        }
        call.bestEffortTimeoutSet = true;
    }

    private void callCyclesAdd(String function, BigInteger amount) {
        MessageExecution.CallBuilder call = requireCall(function);
        if (message.cycleBalance().compareTo(amount) < 0) {
            throw CanisterTrap.contractViolation("ic0." + function + ": insufficient cycles balance: "
                    + message.cycleBalance() + " < " + amount);
        }
        call.cycles = call.cycles.add(amount);
    }

    /** Queues the call; it is sent only if this message completes without trapping. Never fails here. */
    private long[] callPerform() {
        MessageExecution.CallBuilder call = requireCall("call_perform");
        message.performedCalls.add(call.build());
        message.callUnderConstruction = null;
        return i32(0);
    }

    private long[] rejectCode() {
        MessageExecution m = requireMessage("msg_reject_code");
        if (!m.mode.hasRejectCode()) {
            throw notInMode("msg_reject_code", m);
        }
        return i32(m.response instanceof CalleeResponse.Rejected rejected ? rejected.code().code() : 0);
    }

    private byte[] rejectMessage(String function) {
        MessageExecution m = requireMessage(function);
        if (m.mode != ExecutionMode.REJECT_CALLBACK) {
            throw notInMode(function, m);
        }
        return ((CalleeResponse.Rejected) m.response).message().getBytes(StandardCharsets.UTF_8);
    }

    // ---- cycles of the incoming call ----

    private BigInteger cyclesAvailable(String function) {
        MessageExecution m = requireMessage(function);
        if (!m.mode.mayCall() && m.mode != ExecutionMode.REPLICATED_QUERY) {
            throw notInMode(function, m);
        }
        return m.cyclesAvailable.subtract(m.cyclesAccepted);
    }

    private BigInteger cyclesAccept(String function, BigInteger maxAmount) {
        BigInteger accepted = cyclesAvailable(function).min(maxAmount);
        message.cyclesAccepted = message.cyclesAccepted.add(accepted);
        return accepted;
    }

    private BigInteger cyclesRefunded(String function) {
        MessageExecution m = requireMessage(function);
        if (!m.mode.isCallback()) {
            throw notInMode(function, m);
        }
        return m.cyclesRefunded;
    }

    // ---- certification ----

    private byte[] rootKey(String function) {
        MessageExecution m = requireMessage(function);
        if (!m.mode.replicated()) {
            throw notInMode(function, m);
        }
        return host.rootKey();
    }

    private byte[] dataCertificate(String function) {
        MessageExecution m = requireMessage(function);
        if (m.mode != ExecutionMode.NON_REPLICATED_QUERY) {
            throw notInMode(function, m);
        }
        if (m.dataCertificate == null) {
            throw CanisterTrap.contractViolation("ic0." + function + ": no data certificate is present");
        }
        // Computed once per message: ic0.data_certificate_size and _copy must see the same certificate.
        if (m.dataCertificateBytes == null) {
            m.dataCertificateBytes = m.dataCertificate.get();
        }
        return m.dataCertificateBytes;
    }

    // ---- stable memory ----

    private long[] stableSize32() {
        return i32((int) stable32Pages("stable_size"));
    }

    private long[] stableGrow32(long newPages) {
        stable32Pages("stable_grow");
        return i32((int) systemState.stableMemory.grow(newPages, StableMemory.MAX_PAGES_32_BIT_API));
    }

    private long stable32Pages(String function) {
        long pages = systemState.stableMemory.pageCount();
        if (pages > StableMemory.MAX_PAGES_32_BIT_API) {
            throw CanisterTrap.trapped("32 bit stable memory api used on a memory larger than 4GB");
        }
        return pages;
    }

    private void stableRead(Instance instance, String function, long dst, long offset, long size) {
        checkHeapRange(instance, function, dst, size);
        byte[] buffer = new byte[(int) size];
        if (!systemState.stableMemory.read(offset, buffer, 0, buffer.length)) {
            throw CanisterTrap.trapped("stable memory out of bounds");
        }
        instance.memory().write((int) dst, buffer);
    }

    private void stableWrite(Instance instance, String function, long offset, long src, long size) {
        byte[] buffer = readMemory(instance, function, src, size);
        if (!systemState.stableMemory.write(offset, buffer, 0, buffer.length)) {
            throw CanisterTrap.trapped("stable memory out of bounds");
        }
    }

    // ---- helpers ----

    private MessageExecution requireMessage(String function) {
        if (message == null) {
            throw CanisterTrap.contractViolation("\"ic0." + function + "\" cannot be executed in start mode");
        }
        return message;
    }

    private static CanisterTrap notInMode(String function, MessageExecution m) {
        return CanisterTrap.contractViolation("\"ic0." + function + "\" cannot be executed in "
                + m.mode.description() + " mode");
    }

    private static void copyOut(Instance instance, String function, byte[] blob, long dst, long offset, long size) {
        if (offset + size > blob.length) {
            throw CanisterTrap.contractViolation("ic0." + function + ": offset + size (" + (offset + size)
                    + ") exceeds the size of the data (" + blob.length + ")");
        }
        writeMemory(instance, function, dst, java.util.Arrays.copyOfRange(blob, (int) offset, (int) (offset + size)));
    }

    private static byte[] readMemory(Instance instance, String function, long src, long size) {
        checkHeapRange(instance, function, src, size);
        return size == 0 ? new byte[0] : instance.memory().readBytes((int) src, (int) size);
    }

    private static void writeMemory(Instance instance, String function, long dst, byte[] bytes) {
        checkHeapRange(instance, function, dst, bytes.length);
        if (bytes.length > 0) {
            instance.memory().write((int) dst, bytes);
        }
    }

    private static void checkHeapRange(Instance instance, String function, long start, long size) {
        Memory memory = instance.memory();
        long heapSize = memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
        if (start < 0 || size < 0 || start + size > heapSize) {
            throw CanisterTrap.contractViolation("ic0." + function + ": heap out of bounds (" + start + " + " + size
                    + " > " + heapSize + ")");
        }
    }

    private static BigInteger u128(long high, long low) {
        return new BigInteger(Long.toUnsignedString(high)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    private static long[] u64(String function, BigInteger value) {
        if (value.bitLength() > 64) {
            throw CanisterTrap.trapped("ic0." + function + ": the amount of cycles does not fit into 64 bits");
        }
        return i64(value.longValue());
    }

    private static byte[] u128LittleEndian(BigInteger value) {
        byte[] out = new byte[16];
        byte[] bigEndian = value.toByteArray();
        for (int i = 0; i < Math.min(16, bigEndian.length); i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    private static long u32(long value) {
        return value & 0xffff_ffffL;
    }

    private static long[] i32(int value) {
        return new long[] {value};
    }

    private static long[] i64(long value) {
        return new long[] {value};
    }

    private static final long[] NONE = null;

    private interface Handler {
        long[] apply(SystemApi api, Instance instance, long[] args);
    }

    private record Definition(FunctionType type, Handler handler) {}

    private static Map<String, Definition> definitions() {
        Map<String, Definition> d = new HashMap<>();
        List<ValType> none = List.of();
        d.put("msg_arg_data_size", new Definition(FunctionType.of(none, List.of(I32)), (a, in, x) -> a.msgArgDataSize()));
        d.put("msg_arg_data_copy", new Definition(FunctionType.of(List.of(I32, I32, I32), none), (a, in, x) -> {
            a.msgArgDataCopy(in, u32(x[0]), u32(x[1]), u32(x[2]));
            return NONE;
        }));
        d.put("msg_caller_size", new Definition(FunctionType.of(none, List.of(I32)),
                (a, in, x) -> i32(a.callerBytes("msg_caller_size").length)));
        d.put("msg_caller_copy", new Definition(FunctionType.of(List.of(I32, I32, I32), none), (a, in, x) -> {
            copyOut(in, "msg_caller_copy", a.callerBytes("msg_caller_copy"), u32(x[0]), u32(x[1]), u32(x[2]));
            return NONE;
        }));
        d.put("msg_method_name_size", new Definition(FunctionType.of(none, List.of(I32)),
                (a, in, x) -> i32(a.methodName("msg_method_name_size").length)));
        d.put("msg_method_name_copy", new Definition(FunctionType.of(List.of(I32, I32, I32), none), (a, in, x) -> {
            copyOut(in, "msg_method_name_copy", a.methodName("msg_method_name_copy"), u32(x[0]), u32(x[1]), u32(x[2]));
            return NONE;
        }));
        // Only canister_inspect_message may accept; the embedded replica does not run it, so accepting is a no-op.
        d.put("accept_message", new Definition(FunctionType.of(none, none), (a, in, x) -> NONE));
        d.put("msg_reply_data_append", new Definition(FunctionType.of(List.of(I32, I32), none), (a, in, x) -> {
            a.replyDataAppend(in, u32(x[0]), u32(x[1]));
            return NONE;
        }));
        d.put("msg_reply", new Definition(FunctionType.of(none, none), (a, in, x) -> {
            a.reply();
            return NONE;
        }));
        d.put("msg_reject", new Definition(FunctionType.of(List.of(I32, I32), none), (a, in, x) -> {
            a.reject(in, u32(x[0]), u32(x[1]));
            return NONE;
        }));
        d.put("msg_cycles_available", new Definition(FunctionType.of(none, List.of(I64)),
                (a, in, x) -> u64("msg_cycles_available", a.cyclesAvailable("msg_cycles_available"))));
        d.put("msg_cycles_available128", new Definition(FunctionType.of(List.of(I32), none), (a, in, x) -> {
            writeMemory(in, "msg_cycles_available128", u32(x[0]),
                    u128LittleEndian(a.cyclesAvailable("msg_cycles_available128")));
            return NONE;
        }));
        d.put("msg_cycles_accept", new Definition(FunctionType.of(List.of(I64), List.of(I64)),
                (a, in, x) -> i64(a.cyclesAccept("msg_cycles_accept", u128(0, x[0])).longValue())));
        d.put("msg_cycles_accept128", new Definition(FunctionType.of(List.of(I64, I64, I32), none), (a, in, x) -> {
            BigInteger accepted = a.cyclesAccept("msg_cycles_accept128", u128(x[0], x[1]));
            writeMemory(in, "msg_cycles_accept128", u32(x[2]), u128LittleEndian(accepted));
            return NONE;
        }));
        d.put("msg_cycles_refunded", new Definition(FunctionType.of(none, List.of(I64)),
                (a, in, x) -> u64("msg_cycles_refunded", a.cyclesRefunded("msg_cycles_refunded"))));
        d.put("msg_cycles_refunded128", new Definition(FunctionType.of(List.of(I32), none), (a, in, x) -> {
            writeMemory(in, "msg_cycles_refunded128", u32(x[0]),
                    u128LittleEndian(a.cyclesRefunded("msg_cycles_refunded128")));
            return NONE;
        }));
        d.put("msg_reject_code", new Definition(FunctionType.of(none, List.of(I32)), (a, in, x) -> a.rejectCode()));
        d.put("msg_reject_msg_size", new Definition(FunctionType.of(none, List.of(I32)),
                (a, in, x) -> i32(a.rejectMessage("msg_reject_msg_size").length)));
        d.put("msg_reject_msg_copy", new Definition(FunctionType.of(List.of(I32, I32, I32), none), (a, in, x) -> {
            copyOut(in, "msg_reject_msg_copy", a.rejectMessage("msg_reject_msg_copy"), u32(x[0]), u32(x[1]), u32(x[2]));
            return NONE;
        }));
        d.put("call_new", new Definition(FunctionType.of(List.of(I32, I32, I32, I32, I32, I32, I32, I32), none),
                (a, in, x) -> {
                    a.callNew(in, x);
                    return NONE;
                }));
        d.put("call_on_cleanup", new Definition(FunctionType.of(List.of(I32, I32), none), (a, in, x) -> {
            a.callOnCleanup(u32(x[0]), u32(x[1]));
            return NONE;
        }));
        d.put("call_data_append", new Definition(FunctionType.of(List.of(I32, I32), none), (a, in, x) -> {
            a.callDataAppend(in, u32(x[0]), u32(x[1]));
            return NONE;
        }));
        d.put("call_with_best_effort_response", new Definition(FunctionType.of(List.of(I32), none), (a, in, x) -> {
            a.callWithBestEffortResponse();
            return NONE;
        }));
        d.put("call_cycles_add", new Definition(FunctionType.of(List.of(I64), none), (a, in, x) -> {
            a.callCyclesAdd("call_cycles_add", u128(0, x[0]));
            return NONE;
        }));
        d.put("call_cycles_add128", new Definition(FunctionType.of(List.of(I64, I64), none), (a, in, x) -> {
            a.callCyclesAdd("call_cycles_add128", u128(x[0], x[1]));
            return NONE;
        }));
        d.put("call_perform", new Definition(FunctionType.of(none, List.of(I32)), (a, in, x) -> a.callPerform()));
        // The embedded replica charges no cycles, so a call costs nothing (what CDKs check before calling).
        d.put("cost_call", new Definition(FunctionType.of(List.of(I64, I64, I32), none), (a, in, x) -> {
            a.requireMessage("cost_call");
            writeMemory(in, "cost_call", u32(x[2]), new byte[16]);
            return NONE;
        }));
        // No deadline: the embedded replica makes no best-effort calls time out.
        d.put("msg_deadline", new Definition(FunctionType.of(none, List.of(I64)), (a, in, x) -> i64(0)));
        d.put("canister_self_size", new Definition(FunctionType.of(none, List.of(I32)),
                (a, in, x) -> i32(a.canisterSelf("canister_self_size").length)));
        d.put("canister_self_copy", new Definition(FunctionType.of(List.of(I32, I32, I32), none), (a, in, x) -> {
            copyOut(in, "canister_self_copy", a.canisterSelf("canister_self_copy"), u32(x[0]), u32(x[1]), u32(x[2]));
            return NONE;
        }));
        d.put("canister_cycle_balance", new Definition(FunctionType.of(none, List.of(I64)), (a, in, x) -> a.cycleBalance64()));
        d.put("canister_cycle_balance128", new Definition(FunctionType.of(List.of(I32), none), (a, in, x) -> {
            a.cycleBalance128(in, u32(x[0]));
            return NONE;
        }));
        d.put("canister_liquid_cycle_balance128", new Definition(FunctionType.of(List.of(I32), none), (a, in, x) -> {
            a.cycleBalance128(in, u32(x[0]));
            return NONE;
        }));
        d.put("canister_status", new Definition(FunctionType.of(none, List.of(I32)),
                (a, in, x) -> i32(a.requireMessage("canister_status").context.status())));
        d.put("canister_version", new Definition(FunctionType.of(none, List.of(I64)),
                (a, in, x) -> i64(a.requireMessage("canister_version").context.canisterVersion())));
        d.put("time", new Definition(FunctionType.of(none, List.of(I64)),
                (a, in, x) -> i64(a.requireMessage("time").context.timeNanos())));
        d.put("global_timer_set", new Definition(FunctionType.of(List.of(I64), List.of(I64)), (a, in, x) -> a.globalTimerSet(x[0])));
        // No instruction counting in the embedded replica: report no work done.
        d.put("performance_counter", new Definition(FunctionType.of(List.of(I32), List.of(I64)), (a, in, x) -> i64(0)));
        d.put("is_controller", new Definition(FunctionType.of(List.of(I32, I32), List.of(I32)),
                (a, in, x) -> a.isController(in, u32(x[0]), u32(x[1]))));
        d.put("in_replicated_execution", new Definition(FunctionType.of(none, List.of(I32)),
                (a, in, x) -> i32(a.message == null || a.message.mode.replicated() ? 1 : 0)));
        d.put("certified_data_set", new Definition(FunctionType.of(List.of(I32, I32), none), (a, in, x) -> {
            a.certifiedDataSet(in, u32(x[0]), u32(x[1]));
            return NONE;
        }));
        d.put("data_certificate_present", new Definition(FunctionType.of(none, List.of(I32)),
                (a, in, x) -> i32(a.message != null && a.message.dataCertificate != null ? 1 : 0)));
        d.put("data_certificate_size", new Definition(FunctionType.of(none, List.of(I32)),
                (a, in, x) -> i32(a.dataCertificate("data_certificate_size").length)));
        d.put("data_certificate_copy", new Definition(FunctionType.of(List.of(I32, I32, I32), none), (a, in, x) -> {
            copyOut(in, "data_certificate_copy", a.dataCertificate("data_certificate_copy"), u32(x[0]), u32(x[1]),
                    u32(x[2]));
            return NONE;
        }));
        d.put("root_key_size", new Definition(FunctionType.of(none, List.of(I32)),
                (a, in, x) -> i32(a.rootKey("root_key_size").length)));
        d.put("root_key_copy", new Definition(FunctionType.of(List.of(I32, I32, I32), none), (a, in, x) -> {
            copyOut(in, "root_key_copy", a.rootKey("root_key_copy"), u32(x[0]), u32(x[1]), u32(x[2]));
            return NONE;
        }));
        d.put("debug_print", new Definition(FunctionType.of(List.of(I32, I32), none), (a, in, x) -> {
            a.debugPrint(in, u32(x[0]), u32(x[1]));
            return NONE;
        }));
        d.put("trap", new Definition(FunctionType.of(List.of(I32, I32), none), (a, in, x) -> {
            a.trap(in, u32(x[0]), u32(x[1]));
            return NONE;
        }));
        d.put("env_var_count", new Definition(FunctionType.of(none, List.of(I32)), (a, in, x) -> i32(0)));
        d.put("stable_size", new Definition(FunctionType.of(none, List.of(I32)), (a, in, x) -> a.stableSize32()));
        d.put("stable_grow", new Definition(FunctionType.of(List.of(I32), List.of(I32)), (a, in, x) -> a.stableGrow32(u32(x[0]))));
        d.put("stable_read", new Definition(FunctionType.of(List.of(I32, I32, I32), none), (a, in, x) -> {
            a.stable32Pages("stable_read");
            a.stableRead(in, "stable_read", u32(x[0]), u32(x[1]), u32(x[2]));
            return NONE;
        }));
        d.put("stable_write", new Definition(FunctionType.of(List.of(I32, I32, I32), none), (a, in, x) -> {
            a.stable32Pages("stable_write");
            a.stableWrite(in, "stable_write", u32(x[0]), u32(x[1]), u32(x[2]));
            return NONE;
        }));
        d.put("stable64_size", new Definition(FunctionType.of(none, List.of(I64)),
                (a, in, x) -> i64(a.systemState.stableMemory.pageCount())));
        d.put("stable64_grow", new Definition(FunctionType.of(List.of(I64), List.of(I64)),
                (a, in, x) -> i64(a.systemState.stableMemory.grow(x[0], StableMemory.MAX_PAGES))));
        d.put("stable64_read", new Definition(FunctionType.of(List.of(I64, I64, I64), none), (a, in, x) -> {
            a.stableRead(in, "stable64_read", x[0], x[1], x[2]);
            return NONE;
        }));
        d.put("stable64_write", new Definition(FunctionType.of(List.of(I64, I64, I64), none), (a, in, x) -> {
            a.stableWrite(in, "stable64_write", x[0], x[1], x[2]);
            return NONE;
        }));
        return Map.copyOf(d);
    }
}
