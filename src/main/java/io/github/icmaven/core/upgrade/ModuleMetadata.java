package io.github.icmaven.core.upgrade;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The canister metadata a module carries: its custom sections named {@code icp:public <name>} or
 * {@code icp:private <name>}, by name, as the IC will publish them once it is installed. The new module's
 * {@code candid:service} and {@code motoko:stable-types} are read from here before the upgrade.
 */
final class ModuleMetadata {
    private static final int CUSTOM_SECTION = 0;

    private final Map<String, byte[]> sections;

    private ModuleMetadata(Map<String, byte[]> sections) {
        this.sections = sections;
    }

    /** @throws InputException naming {@code <wasm>} when the module's sections cannot be read */
    static ModuleMetadata of(WasmModule module) throws InputException {
        byte[] wasm;
        try {
            wasm = module.gzipped() ? gunzip(module.bytes()) : module.bytes();
            return new ModuleMetadata(customSections(wasm));
        } catch (IOException | RuntimeException e) {
            throw new InputException(ParameterName.WASM, module.file() + ": cannot read its sections ("
                    + e.getMessage() + ")");
        }
    }

    /** A section's content as UTF-8 text, whether public or private. */
    Optional<String> text(String name) {
        return Optional.ofNullable(sections.get(name)).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> customSections(byte[] wasm) throws IOException {
        Map<String, byte[]> found = new HashMap<>();
        Reader in = new Reader(wasm, 8); // after the magic number and version
        while (in.position < wasm.length) {
            int id = wasm[in.position++] & 0xff;
            int size = in.u32();
            int end = in.position + size;
            if (end > wasm.length || size < 0) {
                throw new IOException("a section runs past the end of the module");
            }
            if (id == CUSTOM_SECTION) {
                int nameLength = in.u32();
                String name = new String(wasm, in.position, nameLength, StandardCharsets.UTF_8);
                int contentStart = in.position + nameLength;
                for (String prefix : new String[] {"icp:public ", "icp:private "}) {
                    if (name.startsWith(prefix)) {
                        byte[] content = new byte[end - contentStart];
                        System.arraycopy(wasm, contentStart, content, 0, content.length);
                        found.put(name.substring(prefix.length()), content);
                    }
                }
            }
            in.position = end;
        }
        return found;
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** Unsigned LEB128 numbers of a wasm binary. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        int u32() throws IOException {
            long value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (position >= bytes.length) {
                    throw new IOException("truncated number");
                }
                int b = bytes[position++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (int) Math.min(value, Integer.MAX_VALUE);
                }
            }
            throw new IOException("malformed number");
        }
    }
}
