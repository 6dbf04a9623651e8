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
}
