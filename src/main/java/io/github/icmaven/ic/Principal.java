package io.github.icmaven.ic;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * An IC principal: opaque bytes (at most 29) with the textual form of the interface spec
 * (CRC-32 prefix, lower-case base32 without padding, grouped by five with dashes).
 */
public final class Principal implements Comparable<Principal> {
    public static final Principal MANAGEMENT_CANISTER = new Principal(new byte[0]);
    public static final Principal ANONYMOUS = new Principal(new byte[] {4});

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int MAX_LENGTH = 29;

    private final byte[] bytes;

    private Principal(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Principal of(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("A principal has at most 29 bytes, got " + bytes.length);
        }
        return new Principal(bytes.clone());
    }

    /** The principal of a user whose public key (DER SubjectPublicKeyInfo) is {@code derPublicKey}. */
    public static Principal selfAuthenticating(byte[] derPublicKey) {
        byte[] hash = sha224(derPublicKey);
        byte[] out = Arrays.copyOf(hash, hash.length + 1);
        out[hash.length] = 2;
        return new Principal(out);
    }

    /** An opaque canister id as the IC allocates them: 8-byte big-endian index, then 0x01 0x01. */
    public static Principal canisterId(long index) {
        return new Principal(ByteBuffer.allocate(10).putLong(index).put((byte) 1).put((byte) 1).array());
    }

    /**
     * Parses the textual form.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static Principal fromText(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty principal");
        }
        String compact = text.replace("-", "");
        byte[] decoded = base32Decode(text, compact);
        if (decoded.length < 4) {
            throw new IllegalArgumentException("'" + text + "' is too short to be a principal");
        }
        Principal p = of(Arrays.copyOfRange(decoded, 4, decoded.length));
        if (!p.toText().equals(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a valid principal (checksum or grouping is wrong)");
        }
        return p;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isAnonymous() {
        return bytes.length == 1 && bytes[0] == 4;
    }

    public boolean isManagementCanister() {
        return bytes.length == 0;
    }

    public String toText() {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        byte[] all = ByteBuffer.allocate(4 + bytes.length).putInt((int) crc.getValue()).put(bytes).array();
        String b32 = base32Encode(all);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b32.length(); i += 5) {
            if (i > 0) {
                sb.append('-');
            }
            sb.append(b32, i, Math.min(i + 5, b32.length()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Principal p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Principal o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    private static String base32Encode(byte[] data) {
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    private static byte[] base32Decode(String original, String s) {
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8 + 1);
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("'" + original + "' is not a principal: unexpected character '" + c + "'");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] sha224(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-224").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
