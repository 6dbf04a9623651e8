package io.github.icmaven.replica.execution;

import io.github.icmaven.encoding.Leb128;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the wasm binary format to read what the IC needs before (or instead of) a full
 * parse: the section list, custom sections, imports, and whether the memory is 64-bit. Chicory cannot
 * parse memory64 modules, so these facts must come from our own reader.
 */
final class WasmBinary {
    static final int CUSTOM_SECTION = 0;
    static final int IMPORT_SECTION = 2;
    static final int MEMORY_SECTION = 5;
    static final int EXPORT_SECTION = 7;
    static final int START_SECTION = 8;

    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
    private static final byte[] VERSION_1 = {0x01, 0x00, 0x00, 0x00};
    private static final int HEADER_LENGTH = 8;
    private static final int LIMITS_HAS_MAX = 0x01;
    private static final int LIMITS_MEMORY64 = 0x04;

    /** A section: its id, where its payload lies, and for custom sections the name and content. */
    record Section(int id, int start, int payloadStart, int end, String customName, int customContentStart) {
        boolean isCustom() {
            return id == CUSTOM_SECTION;
        }
    }

    record Import(String module, String name, int kind) {
        static final int FUNCTION = 0;
        static final int MEMORY = 2;
    }

    private final byte[] wasm;
    private final List<Section> sections;

    private WasmBinary(byte[] wasm, List<Section> sections) {
        this.wasm = wasm;
        this.sections = sections;
    }

    /** @throws MalformedWasmException when the header or the section framing is broken */
    static WasmBinary read(byte[] wasm) {
        if (wasm.length < HEADER_LENGTH || !startsWith(wasm, MAGIC, 0)) {
            throw new MalformedWasmException("the bytes do not start with the wasm magic number \\0asm");
        }
        if (!startsWith(wasm, VERSION_1, 4)) {
            throw new MalformedWasmException("unsupported wasm binary version (only version 1 is supported)");
        }
        List<Section> sections = new ArrayList<>();
        Cursor cursor = new Cursor(wasm, HEADER_LENGTH, wasm.length);
        while (cursor.hasMore()) {
            int start = cursor.position();
            int id = cursor.readByte();
            long size = cursor.readU32();
            int payloadStart = cursor.position();
            if (size > wasm.length - payloadStart) {
                throw new MalformedWasmException("section " + id + " at offset " + start + " runs past the end of the module");
            }
            int end = payloadStart + (int) size;
            String customName = null;
            int customContentStart = -1;
            if (id == CUSTOM_SECTION) {
                Cursor nameCursor = new Cursor(wasm, payloadStart, end);
                customName = nameCursor.readName();
                customContentStart = nameCursor.position();
            }
            sections.add(new Section(id, start, payloadStart, end, customName, customContentStart));
            cursor.seek(end);
        }
        return new WasmBinary(wasm, List.copyOf(sections));
    }

    List<Section> sections() {
        return sections;
    }

    byte[] customContent(Section section) {
        return java.util.Arrays.copyOfRange(wasm, section.customContentStart(), section.end());
    }

    List<Import> imports() {
        List<Import> imports = new ArrayList<>();
        for (Section section : sections) {
            if (section.id() != IMPORT_SECTION) {
                continue;
            }
            Cursor cursor = new Cursor(wasm, section.payloadStart(), section.end());
            long count = cursor.readU32();
            for (long i = 0; i < count; i++) {
                String module = cursor.readName();
                String name = cursor.readName();
                int kind = cursor.readByte();
                imports.add(new Import(module, name, kind));
                skipImportDescription(cursor, kind);
            }
        }
        return imports;
    }

    /** Names of exported functions, in export order. */
    List<String> exportedFunctionNames() {
        List<String> names = new ArrayList<>();
        for (Section section : sections) {
            if (section.id() != EXPORT_SECTION) {
                continue;
            }
            Cursor cursor = new Cursor(wasm, section.payloadStart(), section.end());
            long count = cursor.readU32();
            for (long i = 0; i < count; i++) {
                String name = cursor.readName();
                int kind = cursor.readByte();
                cursor.readU32();
                if (kind == Import.FUNCTION) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** True when a declared or imported memory uses 64-bit addresses (memory64 limits flag 0x04). */
    boolean hasMemory64() {
        for (Section section : sections) {
            if (section.id() == MEMORY_SECTION) {
                Cursor cursor = new Cursor(wasm, section.payloadStart(), section.end());
                long count = cursor.readU32();
                for (long i = 0; i < count; i++) {
                    if (readLimitsIsMemory64(cursor)) {
                        return true;
                    }
                }
            } else if (section.id() == IMPORT_SECTION) {
                Cursor cursor = new Cursor(wasm, section.payloadStart(), section.end());
                long count = cursor.readU32();
                for (long i = 0; i < count; i++) {
                    cursor.readName();
                    cursor.readName();
                    int kind = cursor.readByte();
                    if (kind == Import.MEMORY) {
                        if (readLimitsIsMemory64(cursor)) {
                            return true;
                        }
                    } else {
                        skipImportDescription(cursor, kind);
                    }
                }
            }
        }
        return false;
    }

    /** The module without its start section, so an instance can be rebuilt from saved state without running code. */
    byte[] withoutStartSection() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length);
        out.write(wasm, 0, HEADER_LENGTH);
        for (Section section : sections) {
            if (section.id() != START_SECTION) {
                out.write(wasm, section.start(), section.end() - section.start());
            }
        }
        return out.toByteArray();
    }

    boolean hasStartSection() {
        return sections.stream().anyMatch(s -> s.id() == START_SECTION);
    }

    private static boolean readLimitsIsMemory64(Cursor cursor) {
        int flags = cursor.readByte();
        cursor.readU64();
        if ((flags & LIMITS_HAS_MAX) != 0) {
            cursor.readU64();
        }
        return (flags & LIMITS_MEMORY64) != 0;
    }

    private static void skipImportDescription(Cursor cursor, int kind) {
        switch (kind) {
            case 0 -> cursor.readU32(); // function: type index
            case 1 -> { // table: reference type, limits
                skipReferenceType(cursor);
                readLimitsIsMemory64(cursor);
            }
            case 2 -> readLimitsIsMemory64(cursor);
            case 3 -> { // global: value type, mutability
                skipValueType(cursor);
                cursor.readByte();
            }
            case 4 -> { // tag: attribute, type index
                cursor.readByte();
                cursor.readU32();
            }
            default -> throw new MalformedWasmException("unknown import kind " + kind);
        }
    }

    private static void skipValueType(Cursor cursor) {
        skipReferenceType(cursor);
    }

    private static void skipReferenceType(Cursor cursor) {
        int type = cursor.readByte();
        if (type == 0x63 || type == 0x64) { // (ref null? heaptype): a signed 33-bit heap type follows
            cursor.readU64();
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int offset) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A malformed binary, described in words fit for an IC0505 reject. */
    static final class MalformedWasmException extends RuntimeException {
        MalformedWasmException(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        private int position;

        Cursor(byte[] bytes, int position, int end) {
            this.bytes = bytes;
            this.position = position;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int position() {
            return position;
        }

        void seek(int newPosition) {
            position = newPosition;
        }

        int readByte() {
            if (position >= end) {
                throw new MalformedWasmException("unexpected end of section at offset " + position);
            }
            return bytes[position++] & 0xff;
        }

        long readU32() {
            long value = readU64();
            if (value > 0xffff_ffffL) {
                throw new MalformedWasmException("integer too large at offset " + position);
            }
            return value;
        }

        long readU64() {
            int start = position;
            long result;
            try {
                result = Leb128.readUnsignedLong(this::readByte);
            } catch (ArithmeticException e) {
                throw new MalformedWasmException("integer too large at offset " + position);
            }
            if (position - start > 10) {
                throw new MalformedWasmException("integer representation too long at offset " + position);
            }
            return result;
        }

        String readName() {
            long length = readU32();
            if (length > end - position) {
                throw new MalformedWasmException("name runs past the end of its section at offset " + position);
            }
            String name = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
            position += (int) length;
            return name;
        }
    }
}
