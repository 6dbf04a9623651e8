package io.github.icmaven.candid;

import io.github.icmaven.encoding.Leb128;
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
        return Leb128.readUnsigned(this::readByte);
    }

    BigInteger readSlebBig() {
        return Leb128.readSigned(this::readByte);
    }

    /** An unsigned LEB128 that must fit {@code max} (lengths, counts, ids). */
    long readLeb(long max, String what) {
        int start = pos;
        long v;
        try {
            v = Leb128.readUnsignedLong(this::readByte);
        } catch (ArithmeticException e) {
            throw new CandidException(what + " at byte " + start + " is too large");
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
