package io.github.icmaven.candid;

import java.math.BigInteger;
import java.util.Arrays;

/** A growable little-endian byte buffer with (S)LEB128 writers; the output side of the binary format. */
final class ByteSink {
    private static final BigInteger LOW7 = BigInteger.valueOf(0x7f);

    private byte[] buf = new byte[64];
    private int size;

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    void writeLittleEndian(long value, int byteCount) {
        ensure(byteCount);
        for (int i = 0; i < byteCount; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
    }

    void writeLeb(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("LEB128 of negative " + value);
        }
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    void writeSleb(long value) {
        while (true) {
            int b = (int) (value & 0x7f);
            value >>= 7;
            boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }

    void writeLeb(BigInteger value) {
        if (value.bitLength() < 63) {
            writeLeb(value.longValue());
            return;
        }
        do {
            int b = value.and(LOW7).intValue();
            value = value.shiftRight(7);
            write(value.signum() != 0 ? b | 0x80 : b);
        } while (value.signum() != 0);
    }

    void writeSleb(BigInteger value) {
        if (value.bitLength() < 63) {
            writeSleb(value.longValue());
            return;
        }
        while (true) {
            int b = value.and(LOW7).intValue();
            value = value.shiftRight(7); // arithmetic shift: floors towards -infinity
            boolean done = (value.signum() == 0 && (b & 0x40) == 0)
                    || (value.equals(BigInteger.ONE.negate()) && (b & 0x40) != 0);
            write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new CandidException("encoded message would exceed 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
