package io.github.icmaven.replica.execution.wasm64;

import io.github.icmaven.encoding.Leb128;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small wasm64 modules (64-bit memory, optional 64-bit table) byte by byte: neither Chicory's
 * wat2wasm nor Debian's wabt writes table64, so the tests cannot start from text.
 */
final class Wasm64TestModule {
    static final int I32 = Signature.I32;
    static final int I64 = Signature.I64;

    private final List<byte[]> types = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private final List<Integer> tableFunctions = new ArrayList<>();
    private final List<byte[]> customSections = new ArrayList<>();
    private int memoryPages = 1;

    /** A function type; returns its index. */
    int type(int[] params, int... results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x60);
        writeU(out, params.length);
        for (int p : params) {
            out.write(p);
        }
        writeU(out, results.length);
        for (int r : results) {
            out.write(r);
        }
        types.add(out.toByteArray());
        return types.size() - 1;
    }

    static int[] params(int... types) {
        return types;
    }

    /** An {@code ic0} function import; imports must come before functions. Returns the function index. */
    int importIc0(String name, int type) {
        if (!functionTypes.isEmpty()) {
            throw new IllegalStateException("imports first");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeName(out, "ic0");
        writeName(out, name);
        out.write(0);
        writeU(out, type);
        imports.add(out.toByteArray());
        return imports.size() - 1;
    }

    /** A function with {@code code} as its body (no locals), exported as {@code exportName} unless null. */
    int function(int type, String exportName, Code code) {
        functionTypes.add(type);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.writeBytes(code.out.toByteArray());
        body.write(0x0b);
        bodies.add(body.toByteArray());
        int index = imports.size() + functionTypes.size() - 1;
        if (exportName != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeName(out, exportName);
            out.write(0);
            writeU(out, index);
            exports.add(out.toByteArray());
        }
        return index;
    }

    Wasm64TestModule memoryPages(int pages) {
        memoryPages = pages;
        return this;
    }

    /** An active data segment at the 64-bit {@code offset}. */
    Wasm64TestModule activeData(long offset, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0x42);
        writeS(out, offset);
        out.write(0x0b);
        writeU(out, bytes.length);
        out.writeBytes(bytes);
        data.add(out.toByteArray());
        return this;
    }

    /** A passive data segment; returns its index. */
    int passiveData(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        writeU(out, bytes.length);
        out.writeBytes(bytes);
        data.add(out.toByteArray());
        return data.size() - 1;
    }

    /** A 64-bit funcref table holding {@code functions} from index 0 (an active segment at i64 offset 0). */
    Wasm64TestModule table64(int... functions) {
        for (int f : functions) {
            tableFunctions.add(f);
        }
        return this;
    }

    Wasm64TestModule customSection(String name, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeName(out, name);
        out.writeBytes(content);
        customSections.add(out.toByteArray());
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        section(out, 1, vector(types));
        section(out, 2, vector(imports));
        section(out, 3, vector(functionTypes.stream().map(Wasm64TestModule::u).toList()));
        if (!tableFunctions.isEmpty()) {
            int size = tableFunctions.size();
            section(out, 4, concat(u(1), new byte[] {0x70, 0x05}, u(size), u(size))); // funcref, flags: max + 64-bit
        }
        section(out, 5, concat(u(1), new byte[] {0x04}, u(memoryPages))); // flags: 64-bit, no max
        section(out, 7, vector(exports));
        if (!tableFunctions.isEmpty()) {
            ByteArrayOutputStream segment = new ByteArrayOutputStream();
            segment.writeBytes(new byte[] {0x00, 0x42, 0x00, 0x0b}); // active, table 0, offset i64.const 0
            segment.writeBytes(vector(tableFunctions.stream().map(Wasm64TestModule::u).toList()));
            section(out, 9, concat(u(1), segment.toByteArray()));
        }
        if (!data.isEmpty()) {
            section(out, 12, u(data.size()));
        }
        section(out, 10, vector(bodies.stream().map(b -> concat(u(b.length), b)).toList()));
        if (!data.isEmpty()) {
            section(out, 11, vector(data));
        }
        customSections.forEach(c -> section(out, 0, c));
        return out.toByteArray();
    }

    /** Instructions as bytes, with shorthands for the ones the tests use. */
    static final class Code {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Code op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Code i32(int value) {
            out.write(0x41);
            writeS(out, value);
            return this;
        }

        Code i64(long value) {
            out.write(0x42);
            writeS(out, value);
            return this;
        }

        /** A load or store with alignment 0 and a 64-bit offset. */
        Code memory(int opcode, long offset) {
            out.write(opcode);
            out.write(0);
            writeU(out, offset);
            return this;
        }

        Code call(int function) {
            out.write(0x10);
            writeU(out, function);
            return this;
        }

        Code u(long value) {
            writeU(out, value);
            return this;
        }
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] payload) {
        out.write(id);
        writeU(out, payload.length);
        out.writeBytes(payload);
    }

    private static byte[] vector(List<byte[]> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeU(out, items.size());
        items.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] u(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeU(out, value);
        return out.toByteArray();
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        writeU(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeU(ByteArrayOutputStream out, long value) {
        Leb128.writeUnsigned(value, out::write);
    }

    private static void writeS(ByteArrayOutputStream out, long value) {
        Leb128.writeSigned(value, out::write);
    }
}
