package io.github.icmaven.testcanisters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends custom sections to wasm binaries (they may follow any section, so appending is always valid). */
public final class WasmCustomSections {
    private static final int CUSTOM_SECTION_ID = 0;

    private WasmCustomSections() {}

    public static byte[] append(byte[] wasm, String name, byte[] content) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        writeUnsignedLeb128(payload, nameBytes.length);
        payload.writeBytes(nameBytes);
        payload.writeBytes(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + payload.size() + 6);
        out.writeBytes(wasm);
        out.write(CUSTOM_SECTION_ID);
        writeUnsignedLeb128(out, payload.size());
        out.writeBytes(payload.toByteArray());
        return out.toByteArray();
    }

    private static void writeUnsignedLeb128(ByteArrayOutputStream out, long value) {
        long rest = value;
        do {
            int low = (int) (rest & 0x7f);
            rest >>>= 7;
            out.write(rest == 0 ? low : low | 0x80);
        } while (rest != 0);
    }
}
