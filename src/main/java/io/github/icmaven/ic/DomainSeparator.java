package io.github.icmaven.ic;

import java.nio.charset.StandardCharsets;

/**
 * The IC's domain separators: a name's length as one byte, then the name ({@code \x0Aic-request}), prefixed
 * to what is hashed or signed so that a signature for one purpose never passes for another.
 */
public final class DomainSeparator {
    private DomainSeparator() {}

    /** {@code name} (ASCII, at most 255 characters) with its length byte in front. */
    public static byte[] of(String name) {
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        if (text.length > 255) {
            throw new IllegalArgumentException("a domain separator is at most 255 bytes: " + name);
        }
        byte[] out = new byte[text.length + 1];
        out[0] = (byte) text.length;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }
}
