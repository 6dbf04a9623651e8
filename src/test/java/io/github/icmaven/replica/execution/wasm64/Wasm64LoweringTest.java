package io.github.icmaven.replica.execution.wasm64;

import static io.github.icmaven.replica.execution.wasm64.Wasm64TestModule.I32;
import static io.github.icmaven.replica.execution.wasm64.Wasm64TestModule.I64;
import static io.github.icmaven.replica.execution.wasm64.Wasm64TestModule.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CallOutcome;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.ChicoryExecutionEngine;
import io.github.icmaven.replica.execution.ExecutionContext;
import io.github.icmaven.replica.execution.WasmModule;
import io.github.icmaven.replica.execution.wasm64.Wasm64TestModule.Code;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wasm64 modules lowered to wasm32 and run by the replica's engine: each rewritten instruction kind, and the traps. */
class Wasm64LoweringTest {
    private static final Principal CANISTER = Principal.canisterId(7);
    private static final Principal CALLER = Principal.of(new byte[] {1, 2, 3});
    private static final ExecutionContext CONTEXT = new ExecutionContext(CANISTER, 1_700_000_000_000_000_000L,
            BigInteger.ONE, 1, Set.of(CALLER), 1);
    private static final byte[] NO_ARG = "DIDL\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final long FOUR_GIB = 0x1_0000_0000L;

    // Opcodes
    private static final int I32_STORE8 = 0x3a;
    private static final int I64_LOAD = 0x29;
    private static final int I64_STORE = 0x37;
    private static final int I32_LOAD = 0x28;
    private static final int F64_LOAD = 0x2b;
    private static final int F64_STORE = 0x39;
    private static final int DROP = 0x1a;

    private Wasm64TestModule module;
    private int replyAppend;
    private int reply;
    private int argSize;
    private int argCopy;
    private int voidType;

    @BeforeEach
    void systemApiImports() {
        module = new Wasm64TestModule();
        int appendType = module.type(params(I64, I64));
        voidType = module.type(params());
        int sizeType = module.type(params(), I64);
        int copyType = module.type(params(I64, I64, I64));
        replyAppend = module.importIc0("msg_reply_data_append", appendType);
        reply = module.importIc0("msg_reply", voidType);
        argSize = module.importIc0("msg_arg_data_size", sizeType);
        argCopy = module.importIc0("msg_arg_data_copy", copyType);
    }

    @Test
    void loadsAndStoresUse64BitAddressesAndOffsets() throws Exception {
        replying("roundtrip", new Code()
                .i64(100).i64(0x1122334455667788L).memory(I64_STORE, 8)
                .i64(200).i64(100).memory(I64_LOAD, 8).memory(I64_STORE, 0)
                .i64(208).i64(108).memory(F64_LOAD, 0).memory(F64_STORE, 0)
                .i64(216).i32(0x1ab).memory(I32_STORE8, 0), 200, 17);
        byte[] replied = call("roundtrip");

        ByteBuffer reply = ByteBuffer.wrap(replied).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x1122334455667788L, reply.getLong(0));
        assertEquals(0x1122334455667788L, reply.getLong(8), "f64 load/store moved the same bits");
        assertEquals((byte) 0xab, replied[16], "i32.store8 under a 64-bit address");
    }

    @Test
    void activeDataSegmentAtA64BitOffsetIsLoaded() throws Exception {
        module.activeData(1024, "hello".getBytes(StandardCharsets.UTF_8));
        replying("hello", new Code(), 1024, 5);
        assertEquals("hello", new String(call("hello"), StandardCharsets.UTF_8));
    }

    @Test
    void memorySizeAndGrowCountPagesIn64Bit() throws Exception {
        replying("grow", new Code()
                .i64(0).op(0x3f, 0).memory(I64_STORE, 0)                    // size: 1
                .i64(8).i64(2).op(0x40, 0).memory(I64_STORE, 0)             // grow 2: was 1
                .i64(16).i64(FOUR_GIB).op(0x40, 0).memory(I64_STORE, 0)     // grow by 2^32 pages: -1
                .i64(24).op(0x3f, 0).memory(I64_STORE, 0), 0, 32);          // size: 3
        ByteBuffer reply = ByteBuffer.wrap(call("grow")).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, reply.getLong(0));
        assertEquals(1, reply.getLong(8));
        assertEquals(-1, reply.getLong(16));
        assertEquals(3, reply.getLong(24));
    }

    @Test
    void bulkMemoryInstructionsTake64BitOperands() throws Exception {
        int segment = module.passiveData("xyz".getBytes(StandardCharsets.UTF_8));
        replying("bulk", new Code()
                .i64(0).i32('a').i64(4).op(0xfc, 11, 0)                      // fill [0,4) with 'a'
                .i64(4).i64(0).i64(3).op(0xfc, 10, 0, 0)                     // copy 3 bytes to 4
                .i64(7).i32(0).i32(3).op(0xfc, 8).u(segment).op(0), 0, 10);  // init "xyz" at 7
        assertEquals("aaaaaaaxyz", new String(call("bulk"), StandardCharsets.UTF_8));
    }

    @Test
    void callIndirectTakesA64BitTableIndex() throws Exception {
        int answerType = module.type(params(), I64);
        int seven = module.function(answerType, null, new Code().i64(7));
        int nine = module.function(answerType, null, new Code().i64(9));
        module.table64(seven, nine);
        replying("indirect", new Code().i64(0).i64(1).op(0x11).u(answerType).u(0).memory(I64_STORE, 0), 0, 8);
        update("indirect_above_4gib", new Code().i64(FOUR_GIB).op(0x11).u(answerType).u(0).op(DROP));

        assertEquals(9, ByteBuffer.wrap(call("indirect")).order(ByteOrder.LITTLE_ENDIAN).getLong());
        assertTrap("indirect_above_4gib", "table out of bounds");
    }

    @Test
    void addressesAbove4GiBTrapInsteadOfWrappingAround() throws Exception {
        module.activeData(16, new byte[] {1, 2, 3, 4});
        update("load_above", new Code().i64(FOUR_GIB + 16).memory(I32_LOAD, 0).op(DROP));
        update("store_above", new Code().i64(FOUR_GIB).i64(5).memory(I64_STORE, 0));
        update("offset_above", new Code().i64(16).memory(I32_LOAD, FOUR_GIB).op(DROP));
        update("fill_above", new Code().i64(0).i32(0).i64(FOUR_GIB).op(0xfc, 11, 0));
        update("reply_above", new Code().i64(FOUR_GIB).i64(1).call(replyAppend).call(reply));
        replying("marker", new Code(), 16, 4);

        for (String method : new String[] {"load_above", "store_above", "offset_above", "fill_above"}) {
            assertTrap(method, "heap out of bounds");
        }
        IcReject reject = assertThrows(IcReject.class, () -> install().update("reply_above", NO_ARG, CALLER, CONTEXT));
        assertEquals("IC0504", reject.errorCode(), "the System API refuses the out-of-range address: " + reject.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, call("marker"), "address 16 was never written");
    }

    @Test
    void systemApiImportsKeepTheirWasm64Signatures() throws Exception {
        // size = msg_arg_data_size() (an i64 here); msg_arg_data_copy(64, 0, size); reply(64, size)
        update("echo", new Code()
                .i64(0).call(argSize).memory(I64_STORE, 0)
                .i64(64).i64(0).i64(0).memory(I64_LOAD, 0).call(argCopy)
                .i64(64).i64(0).memory(I64_LOAD, 0).call(replyAppend).call(reply));
        byte[] arg = "DIDL\0\1\u0071\u0002hi".getBytes(StandardCharsets.ISO_8859_1);
        CanisterInstance canister = install();
        byte[] replied = reply(canister.update("echo", arg, CALLER, CONTEXT));
        assertArrayEquals(arg, replied);
    }

    @Test
    void moduleTheLoweringCannotHandleInstallsOpaqueWithTheReason() throws Exception {
        update("simd", new Code().i32(0).op(0xfd, 0x0f).op(DROP)); // i8x16.splat
        WasmModule decoded = WasmModule.decode(module.bytes());
        assertFalse(decoded.executable());

        CanisterInstance opaque = new ChicoryExecutionEngine(new byte[0]).install(decoded, NO_ARG, CALLER, CONTEXT);
        IcReject reject = assertThrows(IcReject.class, () -> opaque.update("simd", NO_ARG, CALLER, CONTEXT));
        assertEquals("IC0504", reject.errorCode());
        assertTrue(reject.getMessage().contains("SIMD instructions (0xfd) are not supported by the wasm64 lowering"),
                reject.getMessage());
    }

    @Test
    void loweredModuleKeepsItsMetadataAndIsNotLoweredTwice() throws Exception {
        update("noop", new Code());
        module.customSection("icp:private enhanced-orthogonal-persistence", new byte[0]);
        byte[] wasm64 = module.bytes();
        assertTrue(Wasm64Lowering.needed(wasm64));

        byte[] wasm32 = Wasm64Lowering.lower(wasm64, (m, n) -> Optional.empty());

        assertFalse(Wasm64Lowering.needed(wasm32));
        WasmModule decoded = WasmModule.decode(wasm64);
        assertTrue(decoded.executable());
        assertTrue(decoded.enhancedOrthogonalPersistence());
        assertArrayEquals(wasm64, decoded.wasm(), "the module as sent, not the lowered one");
    }

    /** An exported update method running {@code code} (which is expected to trap or to reply itself). */
    private void update(String name, Code code) {
        module.function(voidType, "canister_update " + name, code);
    }

    /** An exported update method running {@code code}, then replying with memory {@code [address, address + length)}. */
    private void replying(String name, Code code, long address, long length) {
        update(name, code.i64(address).i64(length).call(replyAppend).call(reply));
    }

    private byte[] call(String method) throws IcReject {
        return reply(install().update(method, NO_ARG, CALLER, CONTEXT));
    }

    private CanisterInstance install() throws IcReject {
        return new ChicoryExecutionEngine(new byte[0]).install(WasmModule.decode(module.bytes()), NO_ARG, CALLER, CONTEXT);
    }

    private void assertTrap(String method, String trap) throws IcReject {
        CanisterInstance canister = install();
        IcReject reject = assertThrows(IcReject.class, () -> canister.update(method, NO_ARG, CALLER, CONTEXT));
        assertEquals("IC0502", reject.errorCode(), reject.getMessage());
        assertTrue(reject.getMessage().contains("Canister trapped: " + trap + "."), reject.getMessage());
    }

    private static byte[] reply(CallOutcome outcome) {
        return assertInstanceOf(CallOutcome.Reply.class, outcome).bytes();
    }
}
