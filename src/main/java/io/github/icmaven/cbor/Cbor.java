package io.github.icmaven.cbor;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CBOR (RFC 8949) for the IC wire format, for the embedded replica and the client alike: the exact integer kinds
 * and tags of envelopes for the request-id hash and signature checks, a nesting limit on hostile input, and
 * values written with the shortest heads, as the IC writes them. Small and quick to load: a fresh JVM's first
 * request does not wait for a data-binding library.
 *
 * <p>Value model: {@link Long} for integers in range and {@link BigInteger} beyond it, {@code byte[]}
 * for byte strings, {@link String}, {@link List}, {@link Map} ({@link LinkedHashMap}, order kept),
 * {@link Boolean}, {@code null}, {@link Double} for floats and {@link CborTag} for tags.
 */
public final class Cbor {
    /** Deeper nesting than any IC message needs; stops stack exhaustion on hostile input. */
    private static final int MAX_DEPTH = 512;
    private static final int BREAK = 0xff;

    private Cbor() {
    }

    /**
     * Encodes {@code value} with definite lengths and shortest integer heads. Besides the value
     * model, accepts {@link Integer}, {@link Short}, {@link Byte}, {@link Float} and {@code Object[]}.
     *
     * @throws CborException if the value (or something inside it) has no CBOR form here
     */
    public static byte[] encode(Object value) {
        Encoder encoder = new Encoder();
        encoder.write(value);
        return encoder.toByteArray();
    }

    /**
     * Decodes exactly one CBOR data item spanning all of {@code data}. Accepts indefinite lengths
     * and drops the self-describe tag 55799 wherever it appears.
     *
     * @throws CborException on truncated or malformed input, or bytes after the item
     */
    public static Object decode(byte[] data) {
        Decoder decoder = new Decoder(data);
        Object value = decoder.read(0);
        if (decoder.pos != data.length) {
            throw new CborException("Trailing bytes after CBOR item: " + (data.length - decoder.pos)
                    + " byte(s) at offset " + decoder.pos);
        }
        return value;
    }

    private static final class Encoder {
        private byte[] buf = new byte[256];
        private int len;

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        private void put(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        private void putBytes(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
        }

        /** Writes a head with the shortest argument encoding; {@code argument} is unsigned. */
        private void head(int majorType, long argument) {
            int mt = majorType << 5;
            if (argument >= 0 && argument < 24) {
                put(mt | (int) argument);
            } else if (argument >= 0 && argument <= 0xffL) {
                put(mt | 24);
                put((int) argument);
            } else if (argument >= 0 && argument <= 0xffffL) {
                put(mt | 25);
                put((int) (argument >>> 8));
                put((int) argument);
            } else if (argument >= 0 && argument <= 0xffffffffL) {
                put(mt | 26);
                for (int shift = 24; shift >= 0; shift -= 8) {
                    put((int) (argument >>> shift));
                }
            } else {
                put(mt | 27);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    put((int) (argument >>> shift));
                }
            }
        }

        void write(Object value) {
            if (value == null) {
                put(0xf6);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                long n = ((Number) value).longValue();
                if (n >= 0) {
                    head(0, n);
                } else {
                    head(1, -1 - n);
                }
            } else if (value instanceof BigInteger big) {
                writeBigInteger(big);
            } else if (value instanceof byte[] bytes) {
                head(2, bytes.length);
                putBytes(bytes);
            } else if (value instanceof String s) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                head(3, utf8.length);
                putBytes(utf8);
            } else if (value instanceof List<?> list) {
                head(4, list.size());
                for (Object item : list) {
                    write(item);
                }
            } else if (value instanceof Object[] array) {
                write(Arrays.asList(array));
            } else if (value instanceof Map<?, ?> map) {
                head(5, map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    write(e.getKey());
                    write(e.getValue());
                }
            } else if (value instanceof Boolean b) {
                put(b ? 0xf5 : 0xf4);
            } else if (value instanceof Double || value instanceof Float) {
                long bits = Double.doubleToLongBits(((Number) value).doubleValue());
                put(0xfb);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    put((int) (bits >>> shift));
                }
            } else if (value instanceof CborTag tag) {
                if (tag.tag() < 0) {
                    throw new CborException("CBOR tag numbers are unsigned, got " + tag.tag());
                }
                head(6, tag.tag());
                write(tag.value());
            } else {
                throw new CborException("Cannot encode " + value.getClass().getName() + " as CBOR");
            }
        }

        private void writeBigInteger(BigInteger big) {
            if (big.bitLength() <= 63) {
                write(big.longValue());
                return;
            }
            boolean negative = big.signum() < 0;
            BigInteger magnitude = negative ? BigInteger.ONE.negate().subtract(big) : big;
            if (magnitude.bitLength() <= 64) {
                head(negative ? 1 : 0, magnitude.longValue()); // two's complement bits = unsigned value
            } else {
                byte[] raw = magnitude.toByteArray();
                int skip = raw[0] == 0 ? 1 : 0;
                head(6, negative ? 3 : 2);
                byte[] bytes = Arrays.copyOfRange(raw, skip, raw.length);
                head(2, bytes.length);
                putBytes(bytes);
            }
        }
    }

    private static final class Decoder {
        private final byte[] data;
        private int pos;

        Decoder(byte[] data) {
            this.data = data;
        }

        private int nextByte() {
            if (pos >= data.length) {
                throw new CborException("Truncated CBOR: unexpected end of input at offset " + pos);
            }
            return data[pos++] & 0xff;
        }

        /** Reads the argument of a head whose low five bits are {@code info}; -1 means indefinite. */
        private long argument(int info, int majorType) {
            if (info < 24) {
                return info;
            }
            int size = switch (info) {
                case 24 -> 1;
                case 25 -> 2;
                case 26 -> 4;
                case 27 -> 8;
                case 31 -> 0;
                default -> throw new CborException("Invalid CBOR additional information " + info
                        + " for major type " + majorType + " at offset " + (pos - 1));
            };
            if (size == 0) {
                return -1;
            }
            long value = 0;
            for (int i = 0; i < size; i++) {
                value = (value << 8) | nextByte();
            }
            return value;
        }

        /** The argument as a non-negative int length, checked against what is left of the input. */
        private int length(long argument, int unitSize) {
            if (argument < 0 || argument > (data.length - pos) / unitSize) {
                throw new CborException("Truncated CBOR: length " + Long.toUnsignedString(argument)
                        + " at offset " + pos + " exceeds the remaining " + (data.length - pos) + " byte(s)");
            }
            return (int) argument;
        }

        Object read(int depth) {
            if (depth > MAX_DEPTH) {
                throw new CborException("CBOR nesting deeper than " + MAX_DEPTH);
            }
            int start = pos;
            int initial = nextByte();
            int majorType = initial >>> 5;
            int info = initial & 0x1f;
            if (majorType == 7) {
                return simpleOrFloat(info, start);
            }
            long arg = argument(info, majorType);
            boolean indefinite = info == 31;
            switch (majorType) {
                case 0:
                    if (indefinite) {
                        throw new CborException("Indefinite length is not allowed for integers (offset " + start + ")");
                    }
                    return arg >= 0 ? (Object) arg : new BigInteger(Long.toUnsignedString(arg));
                case 1:
                    if (indefinite) {
                        throw new CborException("Indefinite length is not allowed for integers (offset " + start + ")");
                    }
                    return arg >= 0 ? (Object) (-1 - arg)
                            : BigInteger.ONE.negate().subtract(new BigInteger(Long.toUnsignedString(arg)));
                case 2:
                    return indefinite ? chunks(2) : slice(length(arg, 1));
                case 3:
                    return new String(indefinite ? chunks(3) : slice(length(arg, 1)), StandardCharsets.UTF_8);
                case 4:
                    return array(indefinite, indefinite ? 0 : length(arg, 1), depth);
                case 5:
                    return map(indefinite, indefinite ? 0 : length(arg, 2), depth);
                default: // 6: tag
                    if (indefinite) {
                        throw new CborException("Indefinite length is not allowed for tags (offset " + start + ")");
                    }
                    return tagged(arg, depth);
            }
        }

        private byte[] slice(int n) {
            byte[] out = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return out;
        }

        /** Concatenates the definite-length chunks of an indefinite byte or text string. */
        private byte[] chunks(int majorType) {
            List<byte[]> parts = new ArrayList<>();
            int total = 0;
            while (true) {
                int initial = nextByte();
                if (initial == BREAK) {
                    break;
                }
                if (initial >>> 5 != majorType || (initial & 0x1f) == 31) {
                    throw new CborException("Invalid chunk in indefinite-length string at offset " + (pos - 1));
                }
                byte[] part = slice(length(argument(initial & 0x1f, majorType), 1));
                parts.add(part);
                total = Math.addExact(total, part.length);
            }
            byte[] out = new byte[total];
            int offset = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, out, offset, part.length);
                offset += part.length;
            }
            return out;
        }

        private boolean atBreak() {
            if (pos >= data.length) {
                throw new CborException("Truncated CBOR: missing break of indefinite-length item");
            }
            if ((data[pos] & 0xff) == BREAK) {
                pos++;
                return true;
            }
            return false;
        }

        private List<Object> array(boolean indefinite, int count, int depth) {
            List<Object> list = new ArrayList<>(indefinite ? 8 : count);
            if (indefinite) {
                while (!atBreak()) {
                    list.add(read(depth + 1));
                }
            } else {
                for (int i = 0; i < count; i++) {
                    list.add(read(depth + 1));
                }
            }
            return list;
        }

        private Map<Object, Object> map(boolean indefinite, int count, int depth) {
            Map<Object, Object> map = new LinkedHashMap<>();
            if (indefinite) {
                while (!atBreak()) {
                    map.put(read(depth + 1), read(depth + 1));
                }
            } else {
                for (int i = 0; i < count; i++) {
                    map.put(read(depth + 1), read(depth + 1));
                }
            }
            return map;
        }

        private Object tagged(long tag, int depth) {
            Object value = read(depth + 1);
            if (tag == CborTag.SELF_DESCRIBE) {
                return value;
            }
            if ((tag == 2 || tag == 3) && value instanceof byte[] bytes) {
                BigInteger magnitude = new BigInteger(1, bytes);
                BigInteger n = tag == 2 ? magnitude : BigInteger.ONE.negate().subtract(magnitude);
                return n.bitLength() <= 63 ? (Object) n.longValue() : n;
            }
            return new CborTag(tag, value);
        }

        private Object simpleOrFloat(int info, int start) {
            switch (info) {
                case 20:
                    return Boolean.FALSE;
                case 21:
                    return Boolean.TRUE;
                case 22:
                case 23: // undefined
                    return null;
                case 25:
                    return halfToDouble((int) argument(info, 7));
                case 26:
                    return (double) Float.intBitsToFloat((int) argument(info, 7));
                case 27:
                    return Double.longBitsToDouble(argument(info, 7));
                case 31:
                    throw new CborException("Unexpected break byte at offset " + start);
                default:
                    throw new CborException("Unsupported CBOR simple value " + info + " at offset " + start);
            }
        }

        private static double halfToDouble(int half) {
            int exponent = (half >>> 10) & 0x1f;
            int mantissa = half & 0x3ff;
            double value;
            if (exponent == 0) {
                value = mantissa * Math.pow(2, -24);
            } else if (exponent == 31) {
                value = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            } else {
                value = (mantissa + 1024) * Math.pow(2, exponent - 25);
            }
            return (half & 0x8000) != 0 ? -value : value;
        }
    }
}
