package io.github.icmaven.testcanisters;

import io.github.icmaven.encoding.Leb128;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends custom sections to wasm binaries (they may follow any section, so appending is always valid). */
public final class WasmCustomSections {
    private static final int CUSTOM_SECTION_ID = 0;

    private WasmCustomSections() {}

    public static byte[] append(byte[] wasm, String name, byte[] content) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        Leb128.writeUnsigned(nameBytes.length, payload::write);
        payload.writeBytes(nameBytes);
        payload.writeBytes(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + payload.size() + 6);
        out.writeBytes(wasm);
        out.write(CUSTOM_SECTION_ID);
        Leb128.writeUnsigned(payload.size(), out::write);
        out.writeBytes(payload.toByteArray());
        return out.toByteArray();
    }

    /** The module without its custom section of this name, then with {@code content} under that name, appended. */
    public static byte[] replace(byte[] wasm, String name, byte[] content) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(wasm.length);
        kept.write(wasm, 0, 8);
        int pos = 8;
        while (pos < wasm.length) {
            int start = pos;
            int id = wasm[pos++] & 0xff;
            long[] size = readUnsignedLeb128(wasm, pos);
            pos = (int) size[1];
            int end = pos + (int) size[0];
            boolean drop = false;
            if (id == CUSTOM_SECTION_ID) {
                long[] nameLength = readUnsignedLeb128(wasm, pos);
                String sectionName = new String(wasm, (int) nameLength[1], (int) nameLength[0], StandardCharsets.UTF_8);
                drop = sectionName.equals(name);
            }
            if (!drop) {
                kept.write(wasm, start, end - start);
            }
            pos = end;
        }
        return append(kept.toByteArray(), name, content);
    }

    /** {value, position after it}. */
    private static long[] readUnsignedLeb128(byte[] bytes, int pos) {
        int[] at = {pos};
        long value = Leb128.readUnsignedLong(() -> bytes[at[0]++] & 0xff);
        return new long[] {value, at[0]};
    }
}
