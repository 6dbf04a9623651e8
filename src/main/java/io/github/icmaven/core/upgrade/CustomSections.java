package io.github.icmaven.core.upgrade;

import io.github.icmaven.encoding.Leb128;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The custom sections of a wasm binary, found by walking its section headers (an id and a LEB128 size each):
 * what {@code ic:package} checks and where the upgrade's checks read a module's metadata.
 */
public final class CustomSections {
    private static final int CUSTOM_SECTION_ID = 0;
    private static final int HEADER_BYTES = 8; // the magic number and the version
    private static final int MAX_U32_BYTES = 5;

    private CustomSections() {}

    /** A custom section's name and where its content lies in the binary. */
    public record Section(String name, int contentStart, int contentLength) {
        public byte[] content(byte[] wasm) {
            return Arrays.copyOfRange(wasm, contentStart, contentStart + contentLength);
        }
    }

    /** What is wrong with a binary's sections, phrased to follow the file's name ("is truncated at byte 9"). */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    /** The custom sections of {@code wasm} (unpacked, header included), in order. */
    public static List<Section> of(byte[] wasm) throws MalformedException {
        List<Section> sections = new ArrayList<>();
        int[] at = {HEADER_BYTES};
        while (at[0] < wasm.length) {
            int id = wasm[at[0]++] & 0xff;
            long size = u32(wasm, at);
            int start = at[0];
            if (size > wasm.length - start) {
                throw new MalformedException("is truncated: section " + id + " at byte " + (start - 1) + " claims "
                        + size + " bytes, " + (wasm.length - start) + " remain");
            }
            if (id == CUSTOM_SECTION_ID) {
                long nameLength = u32(wasm, at);
                long contentBytes = start + size - at[0] - nameLength;
                if (contentBytes < 0) {
                    throw new MalformedException("has a malformed custom section at byte " + start);
                }
                int contentStart = at[0] + (int) nameLength;
                sections.add(new Section(new String(wasm, at[0], (int) nameLength, StandardCharsets.UTF_8),
                        contentStart, (int) contentBytes));
            }
            at[0] = start + (int) size;
        }
        return sections;
    }

    /** A LEB128 u32 at {@code at[0]}, which it moves past the number. */
    private static long u32(byte[] wasm, int[] at) throws MalformedException {
        int start = at[0];
        long value;
        try {
            value = Leb128.readUnsignedLong(() -> {
                if (at[0] >= wasm.length) {
                    throw new IndexOutOfBoundsException();
                }
                return wasm[at[0]++] & 0xff;
            });
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedException("is truncated at byte " + at[0]);
        } catch (ArithmeticException e) {
            throw malformedSize(start);
        }
        if (at[0] - start > MAX_U32_BYTES) {
            throw malformedSize(start);
        }
        return value;
    }

    /** A number longer than a u32's five bytes, named by the byte after those five. */
    private static MalformedException malformedSize(int start) {
        return new MalformedException("has a malformed section size at byte " + (start + MAX_U32_BYTES));
    }
}
