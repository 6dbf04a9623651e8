package io.github.icmaven.core.ic.transport;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small CBOR decoder for the few replica bodies ic4j does not interpret for us (the status map and
 * non-replicated rejections of v2 calls). Maps become {@link LinkedHashMap}, arrays {@link List},
 * byte strings {@code byte[]}, text {@link String}, integers {@link Long} or {@link BigInteger}; tags are
 * skipped.
 */
public final class CborReader {
    private static final int MAX_DEPTH = 64;

    private final byte[] data;
    private int position;

    private CborReader(byte[] data) {
        this.data = data;
    }

    /**
     * @throws IllegalArgumentException if {@code data} is not one well-formed CBOR item
     */
    public static Object decode(byte[] data) {
        CborReader reader = new CborReader(data);
        Object value = reader.item(0);
        if (reader.position != data.length) {
            throw new IllegalArgumentException("trailing bytes after the CBOR item");
        }
        return value;
    }

    private Object item(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("CBOR nesting is too deep");
        }
        int initial = readByte();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        switch (major) {
            case 0:
                return unsigned(info);
            case 1: {
                Object n = unsigned(info);
                BigInteger v = n instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) n;
                BigInteger negative = v.negate().subtract(BigInteger.ONE);
                return negative.bitLength() < 64 ? (Object) negative.longValue() : negative;
            }
            case 2:
                return bytes(info);
            case 3:
                return new String(bytes(info), StandardCharsets.UTF_8);
            case 4: {
                int count = length(info);
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    list.add(item(depth + 1));
                }
                return list;
            }
            case 5: {
                int count = length(info);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    Object key = item(depth + 1);
                    map.put(key instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : key, item(depth + 1));
                }
                return map;
            }
            case 6:
                unsigned(info);
                return item(depth + 1);
            default:
                return simple(info);
        }
    }

    private Object simple(int info) {
        switch (info) {
            case 20:
                return Boolean.FALSE;
            case 21:
                return Boolean.TRUE;
            case 22:
            case 23:
                return null;
            default:
                throw new IllegalArgumentException("unsupported CBOR simple value or float (" + info + ")");
        }
    }

    private Object unsigned(int info) {
        if (info < 24) {
            return (long) info;
        }
        int size = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> throw new IllegalArgumentException("indefinite or reserved CBOR length (" + info + ")");
        };
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < size; i++) {
            v = v.shiftLeft(8).or(BigInteger.valueOf(readByte()));
        }
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private int length(int info) {
        Object n = unsigned(info);
        if (!(n instanceof Long l) || l > data.length - position) {
            throw new IllegalArgumentException("CBOR length exceeds the input");
        }
        return (int) (long) l;
    }

    private byte[] bytes(int info) {
        int n = length(info);
        byte[] out = new byte[n];
        System.arraycopy(data, position, out, 0, n);
        position += n;
        return out;
    }

    private int readByte() {
        if (position >= data.length) {
            throw new IllegalArgumentException("CBOR input ends early");
        }
        return data[position++] & 0xff;
    }
}
