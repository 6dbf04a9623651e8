package io.github.icmaven.candid;

import io.github.icmaven.encoding.Leb128;
import java.math.BigInteger;
import java.util.Arrays;

/** A growable little-endian byte buffer with (S)LEB128 writers; the output side of the binary format. */
final class ByteSink {
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
        Leb128.writeUnsigned(value, this::write);
    }

    void writeSleb(long value) {
        Leb128.writeSigned(value, this::write);
    }

    void writeLeb(BigInteger value) {
        Leb128.writeUnsigned(value, this::write);
    }

    void writeSleb(BigInteger value) {
        Leb128.writeSigned(value, this::write);
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
