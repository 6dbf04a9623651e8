package io.github.icmaven.replica.execution.wasm64;

/** Opcodes the lowering reads or emits, and how to step over an instruction's immediates. */
final class Instructions {
    static final int BLOCK = 0x02;
    static final int LOOP = 0x03;
    static final int IF = 0x04;
    static final int END = 0x0b;
    static final int BR_TABLE = 0x0e;
    static final int CALL = 0x10;
    static final int CALL_INDIRECT = 0x11;
    static final int RETURN_CALL = 0x12;
    static final int RETURN_CALL_INDIRECT = 0x13;
    static final int SELECT = 0x1b;
    static final int SELECT_TYPED = 0x1c;
    static final int LOCAL_GET = 0x20;
    static final int LOCAL_SET = 0x21;
    static final int LOCAL_TEE = 0x22;
    static final int TABLE_GET = 0x25;
    static final int TABLE_SET = 0x26;
    static final int FIRST_LOAD = 0x28;
    static final int LAST_LOAD = 0x35;
    static final int FIRST_STORE = 0x36;
    static final int LAST_STORE = 0x3e;
    static final int MEMORY_SIZE = 0x3f;
    static final int MEMORY_GROW = 0x40;
    static final int I32_CONST = 0x41;
    static final int I64_CONST = 0x42;
    static final int F32_CONST = 0x43;
    static final int F64_CONST = 0x44;
    static final int I64_LE_U = 0x58;
    static final int I32_WRAP_I64 = 0xa7;
    static final int I64_EXTEND_I32_S = 0xac;
    static final int I64_EXTEND_I32_U = 0xad;
    static final int REF_NULL = 0xd0;
    static final int REF_FUNC = 0xd2;
    static final int BR_ON_NULL = 0xd4;
    static final int BR_ON_NON_NULL = 0xd5;
    static final int PREFIX_FC = 0xfc;

    /** Sub-opcodes after {@code 0xfc}. */
    static final int MEMORY_INIT = 8;
    static final int DATA_DROP = 9;
    static final int MEMORY_COPY = 10;
    static final int MEMORY_FILL = 11;
    static final int TABLE_INIT = 12;
    static final int ELEM_DROP = 13;
    static final int TABLE_COPY = 14;
    static final int TABLE_GROW = 15;
    static final int TABLE_SIZE = 16;
    static final int TABLE_FILL = 17;

    /** The one-byte encodings of {@code (ref null ht)} / {@code (ref ht)}: a heap type follows. */
    private static final long REF_NULLABLE = -29;
    private static final long REF_NON_NULLABLE = -28;

    private Instructions() {}

    /** Steps over a value type or block type (one byte, a type index, or a reference type with its heap type). */
    static void skipValueOrBlockType(WasmCursor in) {
        long type = in.readS64();
        if (type == REF_NULLABLE || type == REF_NON_NULLABLE) {
            in.readS64();
        }
    }

    /** Steps over a memarg: alignment (bit 6: a memory index follows) and offset; returns the offset. */
    static long readMemarg(WasmCursor in, int[] alignAndMemory) {
        int align = in.readU32();
        int memory = (align & 0x40) != 0 ? in.readU32() : 0;
        alignAndMemory[0] = align;
        alignAndMemory[1] = memory;
        return in.readU64();
    }

    /**
     * Steps over the immediates of {@code opcode} (already read), for instructions that are copied
     * unchanged. Rejects the proposals the lowering does not know (SIMD, threads, GC, new exceptions).
     */
    static void skipImmediates(WasmCursor in, int opcode) {
        switch (opcode) {
            case BLOCK, LOOP, IF, 0x06 /* try */ -> skipValueOrBlockType(in);
            case 0x07, 0x08, 0x09, 0x0c, 0x0d, 0x18, BR_ON_NULL, BR_ON_NON_NULL, CALL, RETURN_CALL, 0x14, 0x15,
                    LOCAL_GET, LOCAL_SET, LOCAL_TEE, 0x23, 0x24, TABLE_GET, TABLE_SET, MEMORY_SIZE, MEMORY_GROW,
                    REF_FUNC -> in.readU32();
            case BR_TABLE -> {
                int count = in.readU32();
                for (int i = 0; i <= count; i++) {
                    in.readU32();
                }
            }
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
                in.readU32();
                in.readU32();
            }
            case SELECT_TYPED -> {
                int count = in.readU32();
                for (int i = 0; i < count; i++) {
                    skipValueOrBlockType(in);
                }
            }
            case I32_CONST, I64_CONST -> in.readS64();
            case F32_CONST -> in.skip(4);
            case F64_CONST -> in.skip(8);
            case REF_NULL -> in.readS64();
            case PREFIX_FC -> skipPrefixed(in, in.readU32());
            case 0x00, 0x01, 0x05, END, 0x0f, 0x19, 0x1a, SELECT, 0xd1, 0xd3 -> { }
            default -> {
                if (opcode >= FIRST_LOAD && opcode <= LAST_STORE) {
                    readMemarg(in, new int[2]);
                } else if (opcode < 0x45 || opcode > 0xc4) {
                    throw new LoweringException(unsupported(opcode) + " at offset " + (in.position() - 1));
                }
            }
        }
    }

    static void skipPrefixed(WasmCursor in, int sub) {
        switch (sub) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> { }
            case MEMORY_INIT, TABLE_INIT, MEMORY_COPY, TABLE_COPY -> {
                in.readU32();
                in.readU32();
            }
            case DATA_DROP, MEMORY_FILL, ELEM_DROP, TABLE_GROW, TABLE_SIZE, TABLE_FILL -> in.readU32();
            default -> throw new LoweringException("unknown instruction 0xfc " + sub + " at offset " + in.position());
        }
    }

    private static String unsupported(int opcode) {
        return switch (opcode) {
            case 0xfd -> "SIMD instructions (0xfd) are not supported by the wasm64 lowering";
            case 0xfe -> "atomic instructions (0xfe) are not supported by the wasm64 lowering";
            case 0xfb -> "GC instructions (0xfb) are not supported by the wasm64 lowering";
            default -> String.format("unknown or unsupported instruction 0x%02x", opcode);
        };
    }
}
