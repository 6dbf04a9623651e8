package io.github.icmaven.replica.execution.wasm64;

import io.github.icmaven.encoding.Leb128;
import static io.github.icmaven.replica.execution.wasm64.Instructions.*;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Rewrites one function body from 64-bit to 32-bit addressing. Every i64 address, size or table
 * index is narrowed by {@link #emitNarrow}: values above {@code 0xffffffff} become {@code 0xffffffff},
 * so the access traps as out of bounds (no wasm32 memory or table reaches 4 GiB, and a wasm64 access
 * that high in a smaller memory traps too). Operands below the address on the stack are parked in
 * scratch locals appended to the function.
 */
final class FunctionBodyLowering {
    private static final long MAX_U32 = 0xffff_ffffL;

    // Scratch locals, relative to the first index after the function's own locals.
    private static final int ADDRESS = 0;
    private static final int I32_A = 1;
    private static final int I32_B = 2;
    private static final int I64_VALUE = 3;
    private static final int F32_VALUE = 4;
    private static final int F64_VALUE = 5;
    /** The scratch locals' declaration: (1 i64) (2 i32) (1 i64) (1 f32) (1 f64). */
    private static final byte[] SCRATCH_DECLARATION = {
        1, (byte) Signature.I64, 2, (byte) Signature.I32, 1, (byte) Signature.I64, 1, (byte) Signature.F32,
        1, (byte) Signature.F64};
    private static final int SCRATCH_DECLARATION_ENTRIES = 5;

    private final boolean memory64;
    private final boolean[] table64;
    private final Map<Integer, Integer> callRedirects;

    FunctionBodyLowering(boolean memory64, boolean[] table64, Map<Integer, Integer> callRedirects) {
        this.memory64 = memory64;
        this.table64 = table64;
        this.callRedirects = callRedirects;
    }

    /** The lowered body (locals and code, without the size prefix) of the body in {@code wasm[start, end)}. */
    byte[] lower(byte[] wasm, int start, int end, int paramCount) {
        WasmCursor in = new WasmCursor(wasm, start, end);
        int entries = in.readU32();
        int entriesStart = in.position();
        long localCount = paramCount;
        for (int i = 0; i < entries; i++) {
            localCount += in.readU32();
            Instructions.skipValueOrBlockType(in);
        }
        int localsEnd = in.position();
        Emitter code = new Emitter((int) localCount);
        while (in.hasMore()) {
            lowerInstruction(wasm, in, code);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(end - start + 64);
        if (code.scratchUsed) {
            Leb128.writeUnsigned(entries + SCRATCH_DECLARATION_ENTRIES, body::write);
            body.write(wasm, entriesStart, localsEnd - entriesStart);
            body.write(SCRATCH_DECLARATION, 0, SCRATCH_DECLARATION.length);
        } else {
            body.write(wasm, start, localsEnd - start);
        }
        body.writeBytes(code.out.toByteArray());
        return body.toByteArray();
    }

    /**
     * A thunk with the module's wasm64 signature of a System API import that calls the replica's
     * wasm32 signature: narrows the i64 arguments that are i32 there, widens an i32 result.
     */
    static byte[] thunk(int importIndex, Signature declared, Signature served) {
        Emitter code = new Emitter(declared.params().size());
        for (int p = 0; p < declared.params().size(); p++) {
            code.op(LOCAL_GET).u(p);
            if (!declared.params().get(p).equals(served.params().get(p))) {
                code.emitNarrow();
            }
        }
        code.op(CALL).u(importIndex);
        if (!declared.results().equals(served.results())) {
            code.op(I64_EXTEND_I32_U);
        }
        code.op(END);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        body.write(1);
        body.write(Signature.I64);
        body.writeBytes(code.out.toByteArray());
        return body.toByteArray();
    }

    private void lowerInstruction(byte[] wasm, WasmCursor in, Emitter code) {
        int start = in.position();
        int opcode = in.readByte();
        if (memory64 && opcode >= FIRST_LOAD && opcode <= LAST_STORE) {
            lowerMemoryAccess(in, opcode, code);
            return;
        }
        switch (opcode) {
            case MEMORY_SIZE -> {
                in.readU32();
                code.op(MEMORY_SIZE).u(0);
                if (memory64) {
                    code.op(I64_EXTEND_I32_U);
                }
                return;
            }
            case MEMORY_GROW -> {
                in.readU32();
                if (memory64) {
                    code.emitNarrow();
                }
                code.op(MEMORY_GROW).u(0);
                if (memory64) {
                    // -1 (failure) stays -1 and page counts stay below 2^31.
                    code.op(I64_EXTEND_I32_S);
                }
                return;
            }
            case CALL, RETURN_CALL -> {
                int function = in.readU32();
                code.op(opcode).u(callRedirects.getOrDefault(function, function));
                return;
            }
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
                int type = in.readU32();
                int table = in.readU32();
                if (isTable64(table)) {
                    code.emitNarrow();
                }
                code.op(opcode).u(type).u(table);
                return;
            }
            case TABLE_GET -> {
                int table = in.readU32();
                if (isTable64(table)) {
                    code.emitNarrow();
                }
                code.op(TABLE_GET).u(table);
                return;
            }
            case TABLE_SET -> {
                if (isTable64(in.readU32())) {
                    throw new LoweringException("table.set on a 64-bit table is not supported by the wasm64 lowering");
                }
            }
            case PREFIX_FC -> {
                if (lowerPrefixed(in, code)) {
                    return;
                }
            }
            default -> Instructions.skipImmediates(in, opcode);
        }
        code.out.write(wasm, start, in.position() - start);
    }

    private void lowerMemoryAccess(WasmCursor in, int opcode, Emitter code) {
        int[] alignAndMemory = new int[2];
        long offset = Instructions.readMemarg(in, alignAndMemory);
        requireMemoryZero(alignAndMemory[1]);
        if (opcode >= FIRST_STORE) {
            int scratch = storedValueLocal(opcode);
            code.op(LOCAL_SET).u(code.scratch(scratch));
            code.emitNarrow();
            code.op(LOCAL_GET).u(code.scratch(scratch));
        } else {
            code.emitNarrow();
        }
        // An offset at or above 4 GiB can only trap: 0xffffffff keeps it out of bounds.
        code.op(opcode).u(alignAndMemory[0] & ~0x40).u(Long.compareUnsigned(offset, MAX_U32) > 0 ? MAX_U32 : offset);
    }

    /** Returns false when the instruction is to be copied unchanged. */
    private boolean lowerPrefixed(WasmCursor in, Emitter code) {
        int sub = in.readU32();
        switch (sub) {
            case MEMORY_INIT -> {
                int segment = in.readU32();
                requireMemoryZero(in.readU32());
                if (!memory64) {
                    break;
                }
                emitInitOperands(code);
                code.op(PREFIX_FC).u(MEMORY_INIT).u(segment).u(0);
                return true;
            }
            case MEMORY_COPY -> {
                requireMemoryZero(in.readU32());
                requireMemoryZero(in.readU32());
                if (!memory64) {
                    break;
                }
                emitThreeNarrowed(code);
                code.op(PREFIX_FC).u(MEMORY_COPY).u(0).u(0);
                return true;
            }
            case MEMORY_FILL -> {
                requireMemoryZero(in.readU32());
                if (!memory64) {
                    break;
                }
                // [dest:i64 value:i32 length:i64]: narrow the length, then as an init.
                code.emitNarrow();
                emitInitOperands(code);
                code.op(PREFIX_FC).u(MEMORY_FILL).u(0);
                return true;
            }
            case TABLE_INIT -> {
                int segment = in.readU32();
                int table = in.readU32();
                if (!isTable64(table)) {
                    break;
                }
                emitInitOperands(code);
                code.op(PREFIX_FC).u(TABLE_INIT).u(segment).u(table);
                return true;
            }
            case TABLE_COPY -> {
                int destination = in.readU32();
                int source = in.readU32();
                if (isTable64(destination) != isTable64(source)) {
                    throw new LoweringException("table.copy between a 64-bit and a 32-bit table is not supported"
                            + " by the wasm64 lowering");
                }
                if (!isTable64(destination)) {
                    break;
                }
                emitThreeNarrowed(code);
                code.op(PREFIX_FC).u(TABLE_COPY).u(destination).u(source);
                return true;
            }
            case TABLE_GROW -> {
                int table = in.readU32();
                if (!isTable64(table)) {
                    break;
                }
                code.emitNarrow();
                code.op(PREFIX_FC).u(TABLE_GROW).u(table).op(I64_EXTEND_I32_S);
                return true;
            }
            case TABLE_SIZE -> {
                int table = in.readU32();
                if (!isTable64(table)) {
                    break;
                }
                code.op(PREFIX_FC).u(TABLE_SIZE).u(table).op(I64_EXTEND_I32_U);
                return true;
            }
            case TABLE_FILL -> {
                if (isTable64(in.readU32())) {
                    throw new LoweringException("table.fill on a 64-bit table is not supported by the wasm64 lowering");
                }
            }
            default -> Instructions.skipPrefixed(in, sub);
        }
        return false;
    }

    /** [a:i64 b:i64 c:i64] to [a:i32 b:i32 c:i32] (memory.copy, table.copy). */
    private static void emitThreeNarrowed(Emitter code) {
        code.emitNarrow();
        code.op(LOCAL_SET).u(code.scratch(I32_A));
        code.emitNarrow();
        code.op(LOCAL_GET).u(code.scratch(I32_A));
        emitInitOperands(code);
    }

    /** [a:i64 b:i32 c:i32] to [a:i32 b:i32 c:i32] (memory.init, table.init): park b and c, narrow a. */
    private static void emitInitOperands(Emitter code) {
        code.op(LOCAL_SET).u(code.scratch(I32_A));
        code.op(LOCAL_SET).u(code.scratch(I32_B));
        code.emitNarrow();
        code.op(LOCAL_GET).u(code.scratch(I32_B)).op(LOCAL_GET).u(code.scratch(I32_A));
    }

    private boolean isTable64(int table) {
        return table < table64.length && table64[table];
    }

    private static void requireMemoryZero(int memory) {
        if (memory != 0) {
            throw new LoweringException("multiple memories are not supported by the wasm64 lowering");
        }
    }

    private static int storedValueLocal(int storeOpcode) {
        return switch (storeOpcode) {
            case 0x36, 0x3a, 0x3b -> I32_A;
            case 0x37, 0x3c, 0x3d, 0x3e -> I64_VALUE;
            case 0x38 -> F32_VALUE;
            default -> F64_VALUE;
        };
    }

    /** Writes instructions; knows where the scratch locals start and whether any was used. */
    private static final class Emitter {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int firstScratch;
        boolean scratchUsed;

        Emitter(int firstScratch) {
            this.firstScratch = firstScratch;
        }

        Emitter op(int opcode) {
            out.write(opcode);
            return this;
        }

        Emitter u(long value) {
            Leb128.writeUnsigned(value, out::write);
            return this;
        }

        int scratch(int which) {
            scratchUsed = true;
            return firstScratch + which;
        }

        /**
         * i64 on the stack to i32: {@code a <= 0xffffffff ? (i32) a : 0xffffffff}, branch-free:
         * {@code local.tee A; i64.const M; local.get A; i64.const M; i64.le_u; select; i32.wrap_i64}.
         */
        void emitNarrow() {
            int address = scratch(ADDRESS);
            op(LOCAL_TEE).u(address);
            op(I64_CONST);
            Leb128.writeSigned(MAX_U32, out::write);
            op(LOCAL_GET).u(address);
            op(I64_CONST);
            Leb128.writeSigned(MAX_U32, out::write);
            op(I64_LE_U).op(SELECT).op(I32_WRAP_I64);
        }
    }
}
