package io.github.icmaven.ic;

import io.github.icmaven.encoding.Leb128;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The interface spec's representation-independent hash of structured data (SHA-256 based), used for
 * request ids, delegation signatures and query response signatures.
 *
 * <p>Values: {@code byte[]} hashed as is, {@link String} as UTF-8, non-negative {@link Long},
 * {@link Integer} or {@link BigInteger} as unsigned LEB128 (negative ones as signed LEB128),
 * {@link List} as the concatenation of element hashes, {@link Map} recursively.
 */
public final class RepresentationIndependentHash {
    private RepresentationIndependentHash() {
    }

    /**
     * Hash of a map: SHA-256 over the sorted concatenations {@code H(key) · H(value)}.
     * {@code null} values count as omitted fields.
     *
     * @throws IllegalArgumentException for a value type the spec gives no hash for
     */
    public static byte[] hashOfMap(Map<?, ?> map) {
        List<byte[]> pairs = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("Map keys must be text to be hashed, got " + describe(e.getKey()));
            }
            byte[] pair = new byte[64];
            System.arraycopy(sha256(key.getBytes(StandardCharsets.UTF_8)), 0, pair, 0, 32);
            System.arraycopy(hashOfValue(e.getValue()), 0, pair, 32, 32);
            pairs.add(pair);
        }
        pairs.sort(Arrays::compareUnsigned);
        MessageDigest digest = newSha256();
        for (byte[] pair : pairs) {
            digest.update(pair);
        }
        return digest.digest();
    }

    /** Hash of one field value, per the rules in the class comment. */
    public static byte[] hashOfValue(Object value) {
        if (value instanceof byte[] bytes) {
            return sha256(bytes);
        }
        if (value instanceof String s) {
            return sha256(s.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof Long || value instanceof Integer) {
            return sha256(Leb128.natOrInt(BigInteger.valueOf(((Number) value).longValue())));
        }
        if (value instanceof BigInteger big) {
            return sha256(Leb128.natOrInt(big));
        }
        if (value instanceof List<?> list) {
            MessageDigest digest = newSha256();
            for (Object item : list) {
                digest.update(hashOfValue(item));
            }
            return digest.digest();
        }
        if (value instanceof Map<?, ?> map) {
            return hashOfMap(map);
        }
        throw new IllegalArgumentException("No representation-independent hash for " + describe(value));
    }

    public static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
