package io.github.icmaven.encoding;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * (Signed) LEB128, the variable-length integers of Candid, wasm binaries, the state tree's naturals and
 * request ids' representation-independent hash. The callers bring their own byte source and sink, so each
 * keeps its bounds checks and error messages.
 */
public final class Leb128 {
    private static final BigInteger LOW7 = BigInteger.valueOf(0x7f);
    private static final BigInteger MINUS_ONE = BigInteger.ONE.negate();

    private Leb128() {}

    /** The next input byte as 0..255; throws the caller's own exception at the end of its input. */
    @FunctionalInterface
    public interface ByteInput {
        int read();
    }

    /** Takes one output byte (the low 8 bits of {@code b}). */
    @FunctionalInterface
    public interface ByteOutput {
        void write(int b);
    }

    /** {@code value} read as an unsigned 64-bit number. */
    public static byte[] unsigned(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        writeUnsigned(value, out::write);
        return out.toByteArray();
    }

    /** Unsigned LEB128 for non-negative numbers, signed LEB128 for negative ones. */
    public static byte[] natOrInt(BigInteger value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (value.signum() >= 0) {
            writeUnsigned(value, out::write);
        } else {
            writeSigned(value, out::write);
        }
        return out.toByteArray();
    }

    /** Writes {@code value} read as an unsigned 64-bit number. */
    public static void writeUnsigned(long value, ByteOutput out) {
        long rest = value;
        do {
            int b = (int) (rest & 0x7f);
            rest >>>= 7;
            out.write(rest != 0 ? b | 0x80 : b);
        } while (rest != 0);
    }

    public static void writeSigned(long value, ByteOutput out) {
        long rest = value;
        while (true) {
            int b = (int) (rest & 0x7f);
            rest >>= 7;
            boolean done = (rest == 0 && (b & 0x40) == 0) || (rest == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }

    /** @throws IllegalArgumentException for a negative {@code value} */
    public static void writeUnsigned(BigInteger value, ByteOutput out) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("unsigned LEB128 of negative " + value);
        }
        if (value.bitLength() < 64) {
            writeUnsigned(value.longValue(), out);
            return;
        }
        BigInteger rest = value;
        do {
            int b = rest.and(LOW7).intValue();
            rest = rest.shiftRight(7);
            out.write(rest.signum() != 0 ? b | 0x80 : b);
        } while (rest.signum() != 0);
    }

    public static void writeSigned(BigInteger value, ByteOutput out) {
        if (value.bitLength() < 64) {
            writeSigned(value.longValue(), out);
            return;
        }
        BigInteger rest = value;
        while (true) {
            int b = rest.and(LOW7).intValue();
            rest = rest.shiftRight(7); // arithmetic shift: floors towards -infinity
            boolean done = (rest.signum() == 0 && (b & 0x40) == 0) || (rest.equals(MINUS_ONE) && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }

    /**
     * An unsigned number of at most 64 bits, as a long to be read unsigned; zero padding is accepted.
     *
     * @throws ArithmeticException if a bit beyond the 64th is set
     */
    public static long readUnsignedLong(ByteInput in) {
        long value = 0;
        int shift = 0;
        while (true) {
            int b = in.read();
            long bits = b & 0x7f;
            if (shift < 64) {
                if (shift == 63 && bits > 1) {
                    throw new ArithmeticException("LEB128 number exceeds 64 bits");
                }
                value |= bits << shift;
            } else if (bits != 0) {
                throw new ArithmeticException("LEB128 number exceeds 64 bits");
            }
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }

    /**
     * The unsigned number at the start of {@code bytes}, e.g. a state tree leaf.
     *
     * @throws IllegalArgumentException if {@code bytes} ends inside the number
     */
    public static long readUnsignedLong(byte[] bytes) {
        int[] position = {0};
        return readUnsignedLong(() -> {
            if (position[0] >= bytes.length) {
                throw new IllegalArgumentException("truncated LEB128");
            }
            return bytes[position[0]++] & 0xff;
        });
    }

    public static BigInteger readUnsigned(ByteInput in) {
        long small = 0;
        BigInteger big = null;
        int shift = 0;
        while (true) {
            int b = in.read();
            long bits = b & 0x7f;
            if (big == null && shift <= 56) {
                small |= bits << shift; // at most 63 bits: stays a non-negative long
            } else {
                if (big == null) {
                    big = BigInteger.valueOf(small);
                }
                big = big.or(BigInteger.valueOf(bits).shiftLeft(shift));
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                return big == null ? BigInteger.valueOf(small) : big;
            }
        }
    }

    /** A signed number of at most 64 bits (wasm's s32, s33 and s64); bits beyond the 64th are dropped. */
    public static long readSignedLong(ByteInput in) {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
            if (shift > 70) {
                throw new ArithmeticException("LEB128 number exceeds 64 bits");
            }
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    public static BigInteger readSigned(ByteInput in) {
        BigInteger result = BigInteger.ZERO;
        int shift = 0;
        int b;
        do {
            b = in.read();
            result = result.or(BigInteger.valueOf(b & 0x7f).shiftLeft(shift));
            shift += 7;
        } while ((b & 0x80) != 0);
        if ((b & 0x40) != 0) {
            result = result.subtract(BigInteger.ONE.shiftLeft(shift));
        }
        return result;
    }
}
