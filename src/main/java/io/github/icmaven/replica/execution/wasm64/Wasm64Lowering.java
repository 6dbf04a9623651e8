package io.github.icmaven.replica.execution.wasm64;

import io.github.icmaven.encoding.Leb128;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a wasm64 module (64-bit memory and/or 64-bit tables, as Motoko's enhanced orthogonal
 * persistence emits) to an equivalent wasm32 module that Chicory can run.
 *
 * <p>Why a rewrite: Chicory 1.7 parses neither memory64 nor table64, and GraalWasm needs JDK 21 and
 * has no table64. Memory contents and addresses are unchanged, so the heap of the lowered module is
 * byte for byte the wasm64 heap (what enhanced orthogonal persistence keeps across upgrades). The
 * lowered memory cannot exceed 4 GiB; an address, size or offset above that traps as out of bounds.
 *
 * <p>What changes: memory and table limits lose the 64-bit flag; loads, stores, {@code memory.*} and
 * {@code table.*} instructions and {@code call_indirect} narrow their i64 operands (see
 * {@link FunctionBodyLowering}); active data and element segment offsets become {@code i32.const};
 * System API imports whose wasm64 signature uses i64 where the replica's wasm32 one has i32 (the
 * spec's {@code I} type) are imported with the wasm32 signature and called through generated thunks
 * appended to the function space, so function indices do not move.
 */
public final class Wasm64Lowering {
    /** The replica's (wasm32) signature of an imported host function, if it serves that function. */
    @FunctionalInterface
    public interface HostSignatures {
        Optional<Signature> wasm32(String module, String name);
    }

    private static final int HEADER_LENGTH = 8;
    private static final int TYPE = 1;
    private static final int IMPORT = 2;
    private static final int FUNCTION = 3;
    private static final int TABLE = 4;
    private static final int MEMORY = 5;
    private static final int ELEMENT = 9;
    private static final int CODE = 10;
    private static final int DATA = 11;
    private static final int FUNC_TYPE = 0x60;
    private static final int LIMITS_HAS_MAX = 0x01;
    private static final int LIMITS_64 = 0x04;
    private static final long MAX_MEMORY32_PAGES = 65_536;
    private static final long MAX_U32 = 0xffff_ffffL;

    private record Section(int id, int start, int payloadStart, int end) {}

    private record FunctionImport(int index, String module, String name, int typeIndex, int typeIndexStart,
            int typeIndexEnd) {}

    private record LoweredImport(int functionIndex, int declaredType, Signature declared, Signature served) {}

    private final byte[] wasm;
    private final List<Section> sections = new ArrayList<>();
    private final List<Signature> types = new ArrayList<>();
    private final List<FunctionImport> functionImports = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<Boolean> table64 = new ArrayList<>();
    private boolean memory64;

    private Wasm64Lowering(byte[] wasm) {
        this.wasm = wasm;
    }

    /** True when the module declares a 64-bit memory or table (and so must be lowered to run). */
    public static boolean needed(byte[] wasm) {
        Wasm64Lowering module = new Wasm64Lowering(wasm);
        module.readStructure();
        return module.memory64 || module.table64.contains(true);
    }

    /**
     * The wasm32 equivalent of {@code wasm}.
     *
     * @throws LoweringException when the module uses something the lowering does not support
     *     (SIMD, atomics, GC, several memories, non-constant 64-bit segment offsets, ...) or is malformed
     */
    public static byte[] lower(byte[] wasm, HostSignatures host) {
        Wasm64Lowering module = new Wasm64Lowering(wasm);
        module.readStructure();
        return module.lowered(host);
    }

    private void readStructure() {
        WasmCursor in = new WasmCursor(wasm, HEADER_LENGTH, wasm.length);
        while (in.hasMore()) {
            int start = in.position();
            int id = in.readByte();
            long size = in.readU32() & MAX_U32;
            int payloadStart = in.position();
            if (size > wasm.length - payloadStart) {
                throw new LoweringException("section " + id + " runs past the end of the module");
            }
            Section section = new Section(id, start, payloadStart, payloadStart + (int) size);
            sections.add(section);
            WasmCursor payload = new WasmCursor(wasm, payloadStart, section.end());
            switch (id) {
                case TYPE -> readTypes(payload);
                case IMPORT -> readImports(payload);
                case FUNCTION -> readFunctions(payload);
                case TABLE -> readTables(payload);
                case MEMORY -> {
                    int count = payload.readU32();
                    for (int i = 0; i < count; i++) {
                        memory64 |= readLimits(payload).is64();
                    }
                }
                default -> { }
            }
            in.seek(section.end());
        }
    }

    private void readTypes(WasmCursor in) {
        int count = in.readU32();
        for (int i = 0; i < count; i++) {
            int form = in.readByte();
            if (form != FUNC_TYPE) {
                throw new LoweringException(String.format(
                        "type form 0x%02x (GC types) is not supported by the wasm64 lowering", form));
            }
            types.add(new Signature(readValueTypes(in), readValueTypes(in)));
        }
    }

    /** Value type codes; a reference type with an explicit heap type is recorded by its prefix byte. */
    private static List<Integer> readValueTypes(WasmCursor in) {
        int count = in.readU32();
        List<Integer> valueTypes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int type = in.readByte();
            if (type == 0x63 || type == 0x64) {
                in.readS64();
            }
            valueTypes.add(type);
        }
        return valueTypes;
    }

    private void readImports(WasmCursor in) {
        int count = in.readU32();
        for (int i = 0; i < count; i++) {
            String module = readName(in);
            String name = readName(in);
            int kind = in.readByte();
            switch (kind) {
                case 0 -> {
                    int typeIndexStart = in.position();
                    int typeIndex = in.readU32();
                    functionImports.add(new FunctionImport(functionImports.size(), module, name, typeIndex,
                            typeIndexStart, in.position()));
                }
                case 1 -> {
                    Instructions.skipValueOrBlockType(in);
                    table64.add(readLimits(in).is64());
                }
                case 2 -> memory64 |= readLimits(in).is64();
                case 3 -> {
                    Instructions.skipValueOrBlockType(in);
                    in.readByte();
                }
                case 4 -> {
                    in.readByte();
                    in.readU32();
                }
                default -> throw new LoweringException("unknown import kind " + kind);
            }
        }
    }

    private void readFunctions(WasmCursor in) {
        int count = in.readU32();
        for (int i = 0; i < count; i++) {
            functionTypes.add(in.readU32());
        }
    }

    private void readTables(WasmCursor in) {
        int count = in.readU32();
        for (int i = 0; i < count; i++) {
            if (wasm[in.position()] == 0x40) {
                throw new LoweringException("tables with an initializer expression are not supported by the"
                        + " wasm64 lowering");
            }
            Instructions.skipValueOrBlockType(in);
            table64.add(readLimits(in).is64());
        }
    }

    private byte[] lowered(HostSignatures host) {
        List<Signature> newTypes = new ArrayList<>();
        List<LoweredImport> loweredImports = memory64 ? loweredImports(host, newTypes) : List.of();
        if (!loweredImports.isEmpty() && sections.stream().noneMatch(s -> s.id() == CODE)) {
            // The adapters go into the code section; without one there is nothing that calls the imports.
            loweredImports = List.of();
            newTypes.clear();
        }
        Map<Integer, Integer> importTypeChanges = new LinkedHashMap<>();
        Map<Integer, Integer> callRedirects = new LinkedHashMap<>();
        int firstThunk = functionImports.size() + functionTypes.size();
        for (int i = 0; i < loweredImports.size(); i++) {
            LoweredImport lowered = loweredImports.get(i);
            importTypeChanges.put(lowered.functionIndex(), typeIndex(lowered.served(), newTypes));
            callRedirects.put(lowered.functionIndex(), firstThunk + i);
        }
        boolean[] tables = new boolean[table64.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = table64.get(i);
        }
        FunctionBodyLowering bodies = new FunctionBodyLowering(memory64, tables, callRedirects);

        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + wasm.length / 4);
        out.write(wasm, 0, HEADER_LENGTH);
        for (Section section : sections) {
            byte[] payload = switch (section.id()) {
                case TYPE -> appendToVector(section, newTypes.stream().map(Wasm64Lowering::encodeType).toList());
                case IMPORT -> importsWithTypes(section, importTypeChanges);
                case FUNCTION -> appendToVector(section,
                        loweredImports.stream().map(l -> u32(l.declaredType())).toList());
                case TABLE -> withLimitsLowered(section, true);
                case MEMORY -> withLimitsLowered(section, false);
                case ELEMENT -> elements(section, tables);
                case DATA -> memory64 ? data(section) : null;
                case CODE -> code(section, bodies, loweredImports);
                default -> null;
            };
            if (payload == null) {
                out.write(wasm, section.start(), section.end() - section.start());
            } else {
                out.write(section.id());
                Leb128.writeUnsigned(payload.length, out::write);
                out.writeBytes(payload);
            }
        }
        return out.toByteArray();
    }

    /** The ic0 imports whose wasm64 signature narrows to the replica's wasm32 one. */
    private List<LoweredImport> loweredImports(HostSignatures host, List<Signature> newTypes) {
        List<LoweredImport> lowered = new ArrayList<>();
        for (FunctionImport anImport : functionImports) {
            Signature declared = types.get(anImport.typeIndex());
            Optional<Signature> served = host.wasm32(anImport.module(), anImport.name());
            if (served.isPresent() && !served.get().equals(declared) && narrowsTo(declared, served.get())) {
                lowered.add(new LoweredImport(anImport.index(), anImport.typeIndex(), declared, served.get()));
            }
        }
        return lowered;
    }

    /** Same arity, and every difference is an i64 of wasm64 that is an i32 in wasm32. */
    private static boolean narrowsTo(Signature declared, Signature served) {
        return narrows(declared.params(), served.params()) && narrows(declared.results(), served.results());
    }

    private static boolean narrows(List<Integer> declared, List<Integer> served) {
        if (declared.size() != served.size()) {
            return false;
        }
        for (int i = 0; i < declared.size(); i++) {
            boolean same = declared.get(i).equals(served.get(i));
            if (!same && !(declared.get(i) == Signature.I64 && served.get(i) == Signature.I32)) {
                return false;
            }
        }
        return true;
    }

    private int typeIndex(Signature signature, List<Signature> newTypes) {
        int existing = types.indexOf(signature);
        if (existing >= 0) {
            return existing;
        }
        if (!newTypes.contains(signature)) {
            newTypes.add(signature);
        }
        return types.size() + newTypes.indexOf(signature);
    }

    private byte[] appendToVector(Section section, List<byte[]> extra) {
        if (extra.isEmpty()) {
            return null;
        }
        WasmCursor in = new WasmCursor(wasm, section.payloadStart(), section.end());
        int count = in.readU32();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb128.writeUnsigned((long) count + extra.size(), out::write);
        out.write(wasm, in.position(), section.end() - in.position());
        extra.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private byte[] importsWithTypes(Section section, Map<Integer, Integer> typeChanges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int copied = section.payloadStart();
        for (FunctionImport anImport : functionImports) {
            Integer newType = typeChanges.get(anImport.index());
            if (newType != null) {
                out.write(wasm, copied, anImport.typeIndexStart() - copied);
                Leb128.writeUnsigned(newType, out::write);
                copied = anImport.typeIndexEnd();
            }
        }
        if (copied == section.payloadStart()) {
            return null;
        }
        out.write(wasm, copied, section.end() - copied);
        return out.toByteArray();
    }

    /** The table or memory section with 32-bit limits; a table entry starts with its reference type. */
    private byte[] withLimitsLowered(Section section, boolean tables) {
        WasmCursor in = new WasmCursor(wasm, section.payloadStart(), section.end());
        int count = in.readU32();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb128.writeUnsigned(count, out::write);
        for (int i = 0; i < count; i++) {
            if (tables) {
                int typeStart = in.position();
                Instructions.skipValueOrBlockType(in);
                out.write(wasm, typeStart, in.position() - typeStart);
            }
            writeLimits(out, readLimits(in), tables ? MAX_U32 : MAX_MEMORY32_PAGES, tables ? "table" : "memory");
        }
        return out.toByteArray();
    }

    private record Limits(int flags, long min, long max, boolean is64) {}

    private static Limits readLimits(WasmCursor in) {
        int flags = in.readByte();
        long min = in.readU64();
        long max = (flags & LIMITS_HAS_MAX) != 0 ? in.readU64() : -1;
        return new Limits(flags, min, max, (flags & LIMITS_64) != 0);
    }

    /** 32-bit limits: the 64-bit flag cleared, a larger maximum capped at what 32-bit indices reach. */
    private static void writeLimits(ByteArrayOutputStream out, Limits limits, long cap, String what) {
        if (Long.compareUnsigned(limits.min(), cap) > 0) {
            throw new LoweringException("the " + what + " declares a minimum of " + Long.toUnsignedString(limits.min())
                    + ", more than a 32-bit " + what + " can hold (" + cap + ")");
        }
        out.write(limits.flags() & ~LIMITS_64);
        Leb128.writeUnsigned(limits.min(), out::write);
        if ((limits.flags() & LIMITS_HAS_MAX) != 0) {
            Leb128.writeUnsigned(Long.compareUnsigned(limits.max(), cap) > 0 ? cap : limits.max(), out::write);
        }
    }

    private byte[] elements(Section section, boolean[] tables) {
        if (!table64.contains(true)) {
            return null;
        }
        WasmCursor in = new WasmCursor(wasm, section.payloadStart(), section.end());
        int count = in.readU32();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb128.writeUnsigned(count, out::write);
        for (int i = 0; i < count; i++) {
            int start = in.position();
            int flags = in.readU32();
            boolean passiveOrDeclarative = (flags & 0x01) != 0;
            boolean explicitTable = (flags & 0x02) != 0;
            boolean expressions = (flags & 0x04) != 0;
            if (!passiveOrDeclarative) {
                int table = explicitTable ? in.readU32() : 0;
                out.write(wasm, start, in.position() - start);
                copyOffset(in, out, table < tables.length && tables[table]);
                start = in.position();
            }
            if (passiveOrDeclarative || explicitTable) {
                Instructions.skipValueOrBlockType(in); // elemkind or reference type
            }
            int items = in.readU32();
            for (int item = 0; item < items; item++) {
                if (expressions) {
                    skipConstantExpression(in);
                } else {
                    in.readU32();
                }
            }
            out.write(wasm, start, in.position() - start);
        }
        return out.toByteArray();
    }

    private byte[] data(Section section) {
        WasmCursor in = new WasmCursor(wasm, section.payloadStart(), section.end());
        int count = in.readU32();
        ByteArrayOutputStream out = new ByteArrayOutputStream(section.end() - section.payloadStart());
        Leb128.writeUnsigned(count, out::write);
        for (int i = 0; i < count; i++) {
            int start = in.position();
            int flags = in.readU32();
            if (flags == 2) {
                in.readU32();
            }
            out.write(wasm, start, in.position() - start);
            if (flags != 1) {
                copyOffset(in, out, true);
            }
            start = in.position();
            int length = in.readU32();
            in.skip(length);
            out.write(wasm, start, in.position() - start);
        }
        return out.toByteArray();
    }

    /** Copies an active segment's offset expression, turning {@code i64.const n} into {@code i32.const n}. */
    private void copyOffset(WasmCursor in, ByteArrayOutputStream out, boolean lower) {
        int start = in.position();
        if (!lower) {
            skipConstantExpression(in);
            out.write(wasm, start, in.position() - start);
            return;
        }
        int opcode = in.readByte();
        long offset = opcode == Instructions.I64_CONST ? in.readS64() : -1;
        if (opcode != Instructions.I64_CONST || in.readByte() != Instructions.END) {
            throw new LoweringException("a 64-bit segment offset other than i64.const is not supported by the"
                    + " wasm64 lowering (at offset " + start + ")");
        }
        if (offset < 0 || offset > MAX_U32) {
            throw new LoweringException("segment offset " + Long.toUnsignedString(offset) + " is above 4 GiB");
        }
        out.write(Instructions.I32_CONST);
        Leb128.writeSigned((int) offset, out::write);
        out.write(Instructions.END);
    }

    private static void skipConstantExpression(WasmCursor in) {
        int opcode;
        while ((opcode = in.readByte()) != Instructions.END) {
            Instructions.skipImmediates(in, opcode);
        }
    }

    private byte[] code(Section section, FunctionBodyLowering bodies, List<LoweredImport> loweredImports) {
        WasmCursor in = new WasmCursor(wasm, section.payloadStart(), section.end());
        int count = in.readU32();
        if (count != functionTypes.size()) {
            throw new LoweringException("the code section has " + count + " bodies for " + functionTypes.size()
                    + " functions");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(section.end() - section.payloadStart() + 4096);
        Leb128.writeUnsigned((long) count + loweredImports.size(), out::write);
        for (int i = 0; i < count; i++) {
            int size = in.readU32();
            int start = in.position();
            in.skip(size);
            int params = types.get(functionTypes.get(i)).params().size();
            byte[] body = bodies.lower(wasm, start, start + size, params);
            Leb128.writeUnsigned(body.length, out::write);
            out.writeBytes(body);
        }
        for (LoweredImport lowered : loweredImports) {
            byte[] body = FunctionBodyLowering.thunk(lowered.functionIndex(), lowered.declared(), lowered.served());
            Leb128.writeUnsigned(body.length, out::write);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] encodeType(Signature signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FUNC_TYPE);
        Leb128.writeUnsigned(signature.params().size(), out::write);
        signature.params().forEach(out::write);
        Leb128.writeUnsigned(signature.results().size(), out::write);
        signature.results().forEach(out::write);
        return out.toByteArray();
    }

    private static byte[] u32(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(5);
        Leb128.writeUnsigned(value, out::write);
        return out.toByteArray();
    }

    private String readName(WasmCursor in) {
        int length = in.readU32();
        int start = in.position();
        in.skip(length);
        return new String(wasm, start, length, StandardCharsets.UTF_8);
    }
}
