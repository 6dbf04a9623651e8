package io.github.icmaven.replica.execution;

import static io.github.icmaven.testcanisters.TestCanisters.decodeNat64;
import static io.github.icmaven.testcanisters.TestCanisters.decodeText;
import static io.github.icmaven.testcanisters.TestCanisters.encodeEmpty;
import static io.github.icmaven.testcanisters.TestCanisters.encodeNat32;
import static io.github.icmaven.testcanisters.TestCanisters.encodeNat64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wabt.Wat2Wasm;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.testcanisters.TestCanisters;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChicoryExecutionEngineTest {
    private static final Principal CANISTER = Principal.canisterId(7);
    private static final Principal CONTROLLER = Principal.of(new byte[] {1, 2, 3});
    private static final ExecutionContext CONTEXT = new ExecutionContext(CANISTER, 1_700_000_000_000_000_000L,
            BigInteger.valueOf(5_000_000_000_000L), 1, Set.of(CONTROLLER), 3);
    private static final byte[] ROOT_KEY = {1, 2, 3};
    private static final UpgradeOptions PLAIN_UPGRADE = new UpgradeOptions(false, false);

    private final List<String> logs = new ArrayList<>();
    private final ChicoryExecutionEngine engine = new ChicoryExecutionEngine((canister, line) -> logs.add(line), ROOT_KEY);

    @Test
    void installedCounterIncrementsAndAnswersQueries() throws Exception {
        CanisterInstance counter = installCounterV1();

        assertEquals(1, decodeNat64(reply(counter.update("inc", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertEquals(2, decodeNat64(reply(counter.update("inc", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertEquals(2, get(counter));
        assertEquals("v1", decodeText(reply(counter.query("version", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertEquals("ok", decodeText(reply(counter.query("health", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertEquals(Set.of("inc", "set", "fill_stable", "inc_then_trap"), counter.updateMethods());
        assertTrue(counter.queryMethods().containsAll(Set.of("get", "version", "health", "stable_checksum")));
    }

    @Test
    void setTakesACandidNat64() throws Exception {
        CanisterInstance counter = installCounterV1();
        assertArrayEquals(encodeEmpty(), reply(counter.update("set", encodeNat64(41), CONTROLLER, CONTEXT)));
        assertEquals(42, decodeNat64(reply(counter.update("inc", encodeEmpty(), CONTROLLER, CONTEXT))));
    }

    @Test
    void upgradeToV2KeepsTheCounterAndTheStablePattern() throws Exception {
        CanisterInstance v1 = installCounterV1();
        v1.update("set", encodeNat64(17), CONTROLLER, CONTEXT);
        v1.update("fill_stable", encodeNat32(3), CONTROLLER, CONTEXT);
        long checksum = checksum(v1);
        assertTrue(checksum != 0, "the pattern must make the checksum non-zero");

        CanisterInstance v2 = engine.upgrade(v1, module(TestCanisters.counterV2()), encodeEmpty(), CONTROLLER,
                PLAIN_UPGRADE, CONTEXT);

        assertEquals("v2", decodeText(reply(v2.query("version", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertEquals(17, get(v2));
        assertEquals(checksum, checksum(v2));
        assertEquals(4 * 65536, v2.state().stableMemory().length);
    }

    @Test
    void trapInPostUpgradeLeavesTheOldInstanceUntouched() throws Exception {
        CanisterInstance v1 = installCounterV1();
        v1.update("set", encodeNat64(5), CONTROLLER, CONTEXT);
        CanisterState before = v1.state();

        IcReject reject = assertThrows(IcReject.class, () -> engine.upgrade(v1,
                module(TestCanisters.counterV2TrapPostUpgrade()), encodeEmpty(), CONTROLLER, PLAIN_UPGRADE, CONTEXT));

        assertEquals("IC0503", reject.errorCode());
        assertEquals(RejectCode.CANISTER_ERROR, reject.rejectCode());
        assertTrue(reject.getMessage().startsWith("Error from Canister " + CANISTER
                + ": Canister called `ic0.trap` with message: 'post_upgrade failed on purpose'."), reject.getMessage());
        assertEquals(5, get(v1));
        assertEquals("v1", decodeText(reply(v1.query("version", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertArrayEquals(before.stableMemory(), v1.state().stableMemory(), "pre_upgrade ran on a copy");
    }

    @Test
    void trapInAnUpdateRollsBackHeapAndStableMemory() throws Exception {
        CanisterInstance counter = installCounterV1();
        counter.update("set", encodeNat64(9), CONTROLLER, CONTEXT);

        IcReject reject = assertThrows(IcReject.class,
                () -> counter.update("inc_then_trap", encodeEmpty(), CONTROLLER, CONTEXT));

        assertEquals("IC0503", reject.errorCode());
        assertTrue(reject.getMessage().contains("'inc_then_trap traps on purpose'"), reject.getMessage());
        assertEquals(9, get(counter));
        assertEquals(0, counter.state().stableMemory().length, "the stable growth was rolled back");
        assertTrue(logs.contains("[TRAP]: inc_then_trap traps on purpose"), logs.toString());
    }

    @Test
    void queriesNeverPersistEvenWhenCalledAsUpdates() throws Exception {
        CanisterInstance counter = installCounterV1();
        assertEquals(1, decodeNat64(reply(counter.query("inc_in_query", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertEquals(1, decodeNat64(reply(counter.update("inc_in_query", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertEquals(0, get(counter));
    }

    @Test
    void unknownMethodsAreRejectedWithTheReplicaText() throws Exception {
        CanisterInstance counter = installCounterV1();
        IcReject update = assertThrows(IcReject.class, () -> counter.update("nope", encodeEmpty(), CONTROLLER, CONTEXT));
        assertEquals("IC0536", update.errorCode());
        assertTrue(update.getMessage().startsWith("Error from Canister " + CANISTER
                + ": Canister has no update method 'nope'."), update.getMessage());
        IcReject query = assertThrows(IcReject.class, () -> counter.query("inc", encodeEmpty(), CONTROLLER, CONTEXT));
        assertTrue(query.getMessage().contains("Canister has no query method 'inc'"), query.getMessage());
    }

    @Test
    void argumentOfTheWrongTypeTraps() throws Exception {
        CanisterInstance counter = installCounterV1();
        IcReject reject = assertThrows(IcReject.class,
                () -> counter.update("set", encodeNat32(1), CONTROLLER, CONTEXT));
        assertTrue(reject.getMessage().contains("expected a Candid nat64 argument"), reject.getMessage());
    }

    @Test
    void restoreRecreatesTheStateWithoutRunningCode() throws Exception {
        CanisterInstance counter = installCounterV1();
        counter.update("set", encodeNat64(123), CONTROLLER, CONTEXT);
        counter.update("fill_stable", encodeNat32(2), CONTROLLER, CONTEXT);

        CanisterInstance restored = engine.restore(module(TestCanisters.counterV1()), counter.state());

        assertEquals(123, get(restored));
        assertEquals(checksum(counter), checksum(restored));
        assertArrayEquals(counter.state().wasmMemory(), restored.state().wasmMemory());
    }

    @Test
    void skippingPreUpgradeLosesAHeapOnlyCounter() throws Exception {
        CanisterInstance v1 = installCounterV1();
        v1.update("set", encodeNat64(8), CONTROLLER, CONTEXT);

        CanisterInstance skipped = engine.upgrade(v1, module(TestCanisters.counterV2()), encodeEmpty(), CONTROLLER,
                new UpgradeOptions(true, false), CONTEXT);

        assertEquals(0, get(skipped), "without pre_upgrade nothing reached stable memory");
        assertEquals(8, get(v1), "the old instance is unchanged");
    }

    @Test
    void keepingTheWasmMemoryCarriesTheHeapIntoTheNewModule() throws Exception {
        CanisterInstance old = install("""
                (module (memory 1)
                  (func (export "canister_init") (i32.store8 (i32.const 500) (i32.const 77))))""");
        String reader = """
                (module
                  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
                  (import "ic0" "msg_reply" (func $reply))
                  (memory 1)
                  (func (export "canister_query byte") (call $append (i32.const 500) (i32.const 1)) (call $reply)))""";

        CanisterInstance kept = engine.upgrade(old, module(Wat2Wasm.parse(reader)), encodeEmpty(), CONTROLLER,
                new UpgradeOptions(false, true), CONTEXT);
        CanisterInstance replaced = engine.upgrade(old, module(Wat2Wasm.parse(reader)), encodeEmpty(), CONTROLLER,
                PLAIN_UPGRADE, CONTEXT);

        assertArrayEquals(new byte[] {77}, reply(kept.query("byte", encodeEmpty(), CONTROLLER, CONTEXT)));
        assertArrayEquals(new byte[] {0}, reply(replaced.query("byte", encodeEmpty(), CONTROLLER, CONTEXT)));
    }

    @Test
    void wasmTrapsAreReportedAsCanisterTrapped() throws Exception {
        CanisterInstance canister = install("""
                (module (func (export "canister_update boom") unreachable))""");
        IcReject reject = assertThrows(IcReject.class, () -> canister.update("boom", encodeEmpty(), CONTROLLER, CONTEXT));
        assertEquals("IC0502", reject.errorCode());
        assertTrue(reject.getMessage().startsWith("Error from Canister " + CANISTER + ": Canister trapped: unreachable."),
                reject.getMessage());
    }

    @Test
    void methodThatNeitherRepliesNorRejectsGetsIc0506AndKeepsItsChanges() throws Exception {
        CanisterInstance canister = install("""
                (module
                  (import "ic0" "certified_data_set" (func $set (param i32 i32)))
                  (memory 1) (data (i32.const 0) "abc")
                  (func (export "canister_update silent") (call $set (i32.const 0) (i32.const 3))))""");
        IcReject reject = assertThrows(IcReject.class, () -> canister.update("silent", encodeEmpty(), CONTROLLER, CONTEXT));
        assertEquals("IC0506", reject.errorCode());
        assertEquals("Canister " + CANISTER + " did not produce a response", reject.getMessage());
        assertArrayEquals("abc".getBytes(), canister.state().certifiedData());
    }

    @Test
    void replyingTwiceViolatesTheContractAndRollsBack() throws Exception {
        CanisterInstance canister = install("""
                (module
                  (import "ic0" "msg_reply" (func $reply))
                  (import "ic0" "global_timer_set" (func $timer (param i64) (result i64)))
                  (func (export "canister_update twice")
                    (drop (call $timer (i64.const 99))) (call $reply) (call $reply)))""");
        IcReject reject = assertThrows(IcReject.class, () -> canister.update("twice", encodeEmpty(), CONTROLLER, CONTEXT));
        assertEquals("IC0504", reject.errorCode());
        assertTrue(reject.getMessage().contains("ic0.msg_reply: the call is already replied"), reject.getMessage());
        assertTrue(canister.state().globalTimer().isEmpty(), "the timer change was rolled back");
    }

    @Test
    void systemApiReportsCallerSelfTimeAndControllers() throws Exception {
        CanisterInstance canister = install("""
                (module
                  (import "ic0" "msg_caller_size" (func $caller_size (result i32)))
                  (import "ic0" "msg_caller_copy" (func $caller_copy (param i32 i32 i32)))
                  (import "ic0" "canister_self_size" (func $self_size (result i32)))
                  (import "ic0" "is_controller" (func $is_controller (param i32 i32) (result i32)))
                  (import "ic0" "time" (func $time (result i64)))
                  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
                  (import "ic0" "msg_reply" (func $reply))
                  (memory 1)
                  (func (export "canister_query facts")
                    (call $caller_copy (i32.const 100) (i32.const 0) (call $caller_size))
                    (i32.store8 (i32.const 0) (call $caller_size))
                    (i32.store8 (i32.const 1) (call $self_size))
                    (i32.store8 (i32.const 2) (call $is_controller (i32.const 100) (call $caller_size)))
                    (i64.store (i32.const 3) (call $time))
                    (call $append (i32.const 0) (i32.const 11))
                    (call $reply)))""");
        byte[] facts = reply(canister.query("facts", encodeEmpty(), CONTROLLER, CONTEXT));
        assertEquals(3, facts[0]);
        assertEquals(10, facts[1]);
        assertEquals(1, facts[2]);
        assertEquals(CONTEXT.timeNanos(), java.nio.ByteBuffer.wrap(facts, 3, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        byte[] stranger = reply(canister.query("facts", encodeEmpty(), Principal.ANONYMOUS, CONTEXT));
        assertEquals(0, stranger[2]);
    }

    @Test
    void unsupportedSystemCallsLinkButAreRejectedByNameWhenCalled() throws Exception {
        CanisterInstance canister = install("""
                (module
                  (import "ic0" "cycles_burn128" (func $burn (param i64 i64 i32)))
                  (import "ic0" "msg_reply" (func $reply))
                  (memory 1)
                  (func (export "canister_update burns") (call $burn (i64.const 0) (i64.const 1) (i32.const 0)))
                  (func (export "canister_update fine") (call $reply)))""");
        assertArrayEquals(new byte[0], reply(canister.update("fine", encodeEmpty(), CONTROLLER, CONTEXT)));
        IcReject reject = assertThrows(IcReject.class, () -> canister.update("burns", encodeEmpty(), CONTROLLER, CONTEXT));
        assertEquals("IC0505", reject.errorCode());
        assertEquals(RejectCode.CANISTER_ERROR, reject.rejectCode());
        assertEquals("Error from Canister " + CANISTER + ": Canister uses ic0.cycles_burn128, which the embedded"
                + " replica does not implement (a limit of ic-maven-plugin's replica, not of your canister).",
                reject.getMessage());
    }

    @Test
    void compositeQueryCallsAreRejectedAsAReplicaLimit() throws Exception {
        CanisterInstance canister = install("""
                (module
                  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
                  (memory 1)
                  (func (export "canister_composite_query fan_out")
                    (call $call_new (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
                      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))""");
        IcReject reject = assertThrows(IcReject.class, () -> canister.query("fan_out", encodeEmpty(), CONTROLLER, CONTEXT));
        assertEquals("IC0505", reject.errorCode());
        assertTrue(reject.getMessage().contains("Canister uses ic0.call_new in a composite query"), reject.getMessage());
    }

    @Test
    void replyInInitIsAContractViolationAndFailsTheInstall() {
        IcReject reject = assertThrows(IcReject.class, () -> install("""
                (module
                  (import "ic0" "msg_reply" (func $reply))
                  (func (export "canister_init") (call $reply)))"""));
        assertEquals("IC0504", reject.errorCode());
        assertTrue(reject.getMessage().contains("\"ic0.msg_reply\" cannot be executed in init mode"),
                reject.getMessage());
    }

    @Test
    void startFunctionRunsOnInstallButNotOnRestore() throws Exception {
        String wat = """
                (module
                  (import "ic0" "debug_print" (func $print (param i32 i32)))
                  (memory 1) (data (i32.const 0) "started")
                  (func $start (call $print (i32.const 0) (i32.const 7)))
                  (start $start))""";
        CanisterInstance canister = install(wat);
        assertEquals(List.of("started"), logs);
        engine.restore(module(Wat2Wasm.parse(wat)), canister.state());
        assertEquals(List.of("started"), logs);
    }

    @Test
    void stableMemoryGrowthIsBoundedAndAccessIsChecked() throws Exception {
        CanisterInstance canister = install("""
                (module
                  (import "ic0" "stable_grow" (func $grow (param i32) (result i32)))
                  (import "ic0" "stable64_write" (func $write (param i64 i64 i64)))
                  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
                  (import "ic0" "msg_reply" (func $reply))
                  (memory 1)
                  (func (export "canister_update grow")
                    (i32.store (i32.const 0) (call $grow (i32.const 65537)))
                    (i32.store (i32.const 4) (call $grow (i32.const 2)))
                    (i32.store (i32.const 8) (call $grow (i32.const 1)))
                    (call $append (i32.const 0) (i32.const 12))
                    (call $reply))
                  (func (export "canister_update write_past_end")
                    (call $write (i64.const 196600) (i64.const 0) (i64.const 16))))""");
        byte[] results = reply(canister.update("grow", encodeEmpty(), CONTROLLER, CONTEXT));
        java.nio.IntBuffer ints = java.nio.ByteBuffer.wrap(results).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        assertEquals(-1, ints.get(0), "more than 4 GiB through the 32-bit API fails");
        assertEquals(0, ints.get(1));
        assertEquals(2, ints.get(2));
        assertEquals(3 * 65536, canister.state().stableMemory().length);
        IcReject reject = assertThrows(IcReject.class,
                () -> canister.update("write_past_end", encodeEmpty(), CONTROLLER, CONTEXT));
        assertEquals("IC0502", reject.errorCode());
        assertTrue(reject.getMessage().contains("Canister trapped: stable memory out of bounds"), reject.getMessage());
    }

    @Test
    void wasm64ModuleTheLoweringCannotHandleInstallsOpaqueUpgradesAndRejectsCalls() throws Exception {
        WasmModule wasm64 = module(WasmModuleTest.unlowerableWasm64Module());
        assertFalse(wasm64.executable());

        CanisterInstance opaque = engine.install(wasm64, encodeEmpty(), CONTROLLER, CONTEXT);
        IcReject reject = assertThrows(IcReject.class, () -> opaque.update("greet", encodeEmpty(), CONTROLLER, CONTEXT));
        assertEquals(RejectCode.CANISTER_ERROR, reject.rejectCode());
        assertTrue(reject.getMessage().contains("cannot execute this wasm64 (memory64) module (SIMD instructions"),
                reject.getMessage());
        assertTrue(reject.getMessage().contains("installed opaque"), reject.getMessage());
        assertThrows(IcReject.class, () -> opaque.query("greet", encodeEmpty(), CONTROLLER, CONTEXT));

        CanisterState withHeap = new CanisterState(new byte[65536], new byte[65536], List.of(), new byte[0],
                java.util.OptionalLong.empty());
        withHeap.wasmMemory()[10] = 42;
        CanisterInstance restored = engine.restore(wasm64, withHeap);
        CanisterInstance upgraded = engine.upgrade(restored, wasm64, encodeEmpty(), CONTROLLER,
                new UpgradeOptions(false, true), CONTEXT);
        assertEquals(42, upgraded.state().wasmMemory()[10], "keep carries the opaque heap");
        assertEquals(65536, upgraded.state().stableMemory().length);
    }

    @Test
    void upgradeFromExecutableToOpaqueRunsPreUpgrade() throws Exception {
        CanisterInstance v1 = installCounterV1();
        v1.update("set", encodeNat64(3), CONTROLLER, CONTEXT);
        CanisterInstance opaque = engine.upgrade(v1, module(WasmModuleTest.unlowerableWasm64Module()), encodeEmpty(), CONTROLLER,
                PLAIN_UPGRADE, CONTEXT);
        assertEquals(3, opaque.state().stableMemory()[0], "pre_upgrade saved the counter to stable memory");
        assertEquals(0, opaque.state().wasmMemory().length, "replace drops the heap");
    }

    private CanisterInstance installCounterV1() throws IcReject {
        return engine.install(module(TestCanisters.counterV1()), encodeEmpty(), CONTROLLER, CONTEXT);
    }

    private CanisterInstance install(String wat) throws IcReject {
        return engine.install(module(Wat2Wasm.parse(wat)), encodeEmpty(), CONTROLLER, CONTEXT);
    }

    private static WasmModule module(byte[] bytes) throws IcReject {
        return WasmModule.decode(bytes);
    }

    private static long get(CanisterInstance counter) throws IcReject {
        return decodeNat64(reply(counter.query("get", encodeEmpty(), CONTROLLER, CONTEXT)));
    }

    private static long checksum(CanisterInstance counter) throws IcReject {
        return decodeNat64(reply(counter.query("stable_checksum", encodeEmpty(), CONTROLLER, CONTEXT)));
    }

    private static byte[] reply(CallOutcome outcome) {
        return assertInstanceOf(CallOutcome.Reply.class, outcome).bytes();
    }
}
