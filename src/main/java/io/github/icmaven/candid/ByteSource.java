package io.github.icmaven.candid;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A cursor over a byte array with the readers of the binary format; every read checks bounds. */
final class ByteSource {
    private final byte[] data;
    private int pos;

    ByteSource(byte[] data) {
        this.data = data;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return data.length - pos;
    }

    int readByte() {
        need(1);
        return data[pos++] & 0xff;
    }

    byte[] readBytes(long n) {
        if (n < 0 || n > remaining()) {
            throw new CandidException("a length of " + n + " at byte " + pos + " runs past the end of the message ("
                    + remaining() + " bytes left)");
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    long readLittleEndian(int byteCount) {
        need(byteCount);
        long v = 0;
        for (int i = 0; i < byteCount; i++) {
            v |= (long) (data[pos++] & 0xff) << (8 * i);
        }
        return v;
    }

    BigInteger readLebBig() {
        long small = 0;
        BigInteger big = null;
        int shift = 0;
        while (true) {
            int b = readByte();
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

    BigInteger readSlebBig() {
        BigInteger result = BigInteger.ZERO;
        int shift = 0;
        int b;
        do {
            b = readByte();
            result = result.or(BigInteger.valueOf(b & 0x7f).shiftLeft(shift));
            shift += 7;
        } while ((b & 0x80) != 0);
        if ((b & 0x40) != 0) {
            result = result.subtract(BigInteger.ONE.shiftLeft(shift));
        }
        return result;
    }

    /** An unsigned LEB128 that must fit {@code max} (lengths, counts, ids). */
    long readLeb(long max, String what) {
        int start = pos;
        long v = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            if (shift < 63) {
                v |= (long) (b & 0x7f) << shift;
            } else if ((b & 0x7f) != 0) {
                throw new CandidException(what + " at byte " + start + " is too large");
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (v < 0 || v > max) {
            throw new CandidException(what + " " + Long.toUnsignedString(v) + " at byte " + start
                    + " exceeds the limit " + max);
        }
        return v;
    }

    /** A signed LEB128 that fits an int (type codes). */
    int readSlebInt(String what) {
        int start = pos;
        BigInteger v = readSlebBig();
        if (v.bitLength() > 31) {
            throw new CandidException(what + " at byte " + start + " is out of range");
        }
        return v.intValue();
    }

    String readUtf8(long n) {
        int start = pos;
        byte[] bytes = readBytes(n);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CandidException("text at byte " + start + " is not valid UTF-8");
        }
    }

    private void need(int n) {
        if (remaining() < n) {
            throw new CandidException("message ends early: needed " + n + " more byte(s) at byte " + pos);
        }
    }
}
