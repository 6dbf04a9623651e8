package io.github.icmaven.replica.execution.wasm64;

import io.github.icmaven.encoding.Leb128;

/** A read position in a wasm binary, with its LEB128 numbers read through {@link Leb128}. */
final class WasmCursor {
    private final byte[] bytes;
    private final int end;
    private int position;

    WasmCursor(byte[] bytes, int position, int end) {
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
        try {
            return Leb128.readUnsignedLong(this::readByte);
        } catch (ArithmeticException e) {
            throw new LoweringException("integer too large at offset " + position);
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
        return Leb128.readSignedLong(this::readByte);
    }
}
