package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CallOutcome;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.CanisterState;
import io.github.icmaven.replica.execution.ExecutionContext;
import io.github.icmaven.replica.execution.ExecutionEngine;
import io.github.icmaven.replica.execution.Global;
import io.github.icmaven.replica.execution.UpgradeOptions;
import io.github.icmaven.replica.execution.WasmModule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An engine for tests whose instances keep plain byte arrays. Init traps when the arg is
 * "trap-init"; post_upgrade traps when the new module's text contains "trap-post-upgrade". Update
 * methods: set_heap, set_stable, certify, set_timer, set_global, trap. Query: echo.
 */
public final class FakeEngine implements ExecutionEngine {
    static final int PAGE = 65536;

    UpgradeOptions lastUpgradeOptions;
    ExecutionContext lastContext;
    int restores;

    @Override
    public CanisterInstance install(WasmModule module, byte[] arg, Principal caller, ExecutionContext context)
            throws IcReject {
        lastContext = context;
        if (new String(arg, StandardCharsets.UTF_8).equals("trap-init")) {
            throw trap(context.canisterId(), "init");
        }
        return new Instance(module, new byte[PAGE], new byte[0], List.of(new Global(Global.Type.I32, 0)), new byte[0],
                OptionalLong.empty());
    }

    @Override
    public CanisterInstance upgrade(CanisterInstance old, WasmModule module, byte[] arg, Principal caller,
            UpgradeOptions options, ExecutionContext context) throws IcReject {
        lastUpgradeOptions = options;
        lastContext = context;
        if (((FakeWasmModule) module).text().contains("trap-post-upgrade")) {
            throw trap(context.canisterId(), "post_upgrade");
        }
        CanisterState before = old.state();
        byte[] heap = options.keepWasmMemory() ? before.wasmMemory() : new byte[PAGE];
        // Certified data is system state on the IC and survives upgrades; the timer does not.
        return new Instance(module, heap, before.stableMemory(), List.of(new Global(Global.Type.I32, 0)),
                before.certifiedData(), OptionalLong.empty());
    }

    @Override
    public CanisterInstance restore(WasmModule module, CanisterState state) {
        restores++;
        return new Instance(module, state.wasmMemory().clone(), state.stableMemory().clone(), state.globals(),
                state.certifiedData().clone(), state.globalTimer());
    }

    static IcReject trap(Principal canister, String where) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0503",
                "Error from Canister " + canister + ": Canister called `ic0.trap` with message: '" + where + "'");
    }

    static final class Instance implements CanisterInstance {
        private final WasmModule module;
        private byte[] heap;
        private byte[] stable;
        private List<Global> globals;
        private byte[] certified;
        private OptionalLong timer;

        Instance(WasmModule module, byte[] heap, byte[] stable, List<Global> globals, byte[] certified,
                OptionalLong timer) {
            this.module = module;
            this.heap = heap;
            this.stable = stable;
            this.globals = globals;
            this.certified = certified;
            this.timer = timer;
        }

        @Override
        public WasmModule module() {
            return module;
        }

        @Override
        public CallOutcome update(String method, byte[] arg, Principal caller, ExecutionContext context)
                throws IcReject {
            switch (method) {
                case "set_heap" -> {
                    heap = heap.clone();
                    System.arraycopy(arg, 0, heap, 0, arg.length);
                }
                case "set_stable" -> stable = Arrays.copyOf(arg, ((arg.length + PAGE - 1) / PAGE) * PAGE);
                case "certify" -> certified = arg.clone();
                case "set_timer" -> timer = OptionalLong.of(ByteBuffer.wrap(arg).getLong());
                case "set_global" -> globals = List.of(new Global(Global.Type.I32, arg[0]));
                case "trap" -> throw trap(context.canisterId(), "trap");
                default -> throw new IcReject(RejectCode.CANISTER_ERROR, "IC0536", "no update method " + method);
            }
            return new CallOutcome.Reply(new byte[0]);
        }

        @Override
        public CallOutcome query(String method, byte[] arg, Principal caller, ExecutionContext context) {
            return new CallOutcome.Reply(arg.clone());
        }

        @Override
        public byte[] certifiedData() {
            return certified.clone();
        }

        @Override
        public CanisterState state() {
            return new CanisterState(heap.clone(), stable.clone(), globals, certified.clone(), timer);
        }

        @Override
        public Set<String> updateMethods() {
            return Set.of("set_heap", "set_stable", "certify", "set_timer", "set_global", "trap");
        }

        @Override
        public Set<String> queryMethods() {
            return Set.of("echo");
        }
    }
}
