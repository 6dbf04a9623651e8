package io.github.icmaven.replica.certification;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128, the encoding of natural numbers in state tree leaves (e.g. {@code /time}). */
public final class Leb128 {
    private Leb128() {
    }

    /** Encodes {@code value} read as an unsigned 64-bit number. */
    public static byte[] encodeUnsigned(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value == 0 ? b : b | 0x80);
        } while (value != 0);
        return out.toByteArray();
    }
}
