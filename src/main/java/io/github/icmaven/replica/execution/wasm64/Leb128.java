package io.github.icmaven.replica.execution.wasm64;

import java.io.ByteArrayOutputStream;

/**
 * LEB128 reading and writing for the wasm64 lowering: a cursor over a byte array plus the writers
 * the rewriter needs. Kept here, in one place, so the lowering has no copy of its own elsewhere.
 */
final class Leb128 {
    private final byte[] bytes;
    private final int end;
    private int position;

    Leb128(byte[] bytes, int position, int end) {
        this.bytes = bytes;
        this.position = position;
        this.end = end;
    }

    int position() {
        return position;
    }

    void seek(int newPosition) {
        position = newPosition;
    }

    boolean hasMore() {
        return position < end;
    }

    int readByte() {
        if (position >= end) {
            throw new LoweringException("unexpected end of data at offset " + position);
        }
        return bytes[position++] & 0xff;
    }

    void skip(int count) {
        if (count > end - position) {
            throw new LoweringException("unexpected end of data at offset " + position);
        }
        position += count;
    }

    long readU64() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
            if (shift > 63) {
                throw new LoweringException("integer representation too long at offset " + position);
            }
        }
    }

    int readU32() {
        long value = readU64();
        if (value > 0xffff_ffffL) {
            throw new LoweringException("integer too large at offset " + position);
        }
        return (int) value;
    }

    /** A signed LEB128 of up to 64 bits (also used for s32 and s33). */
    long readS64() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = readByte();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
            if (shift > 70) {
                throw new LoweringException("integer representation too long at offset " + position);
            }
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    static void writeU64(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    static void writeS64(ByteArrayOutputStream out, long value) {
        while (true) {
            int b = (int) (value & 0x7f);
            value >>= 7;
            boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }
}
