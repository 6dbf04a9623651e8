package io.github.icmaven.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Leb128Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void unsignedLongsUseAllSixtyFourBits() {
        assertEquals("e58e26", HEX.formatHex(Leb128.unsigned(624485)));
        byte[] max = Leb128.unsigned(-1L);
        assertEquals("ffffffffffffffffff01", HEX.formatHex(max));
        assertEquals(-1L, Leb128.readUnsignedLong(max));
        assertEquals(new BigInteger("18446744073709551615"), Leb128.readUnsigned(input(max)));
    }

    @Test
    void readingALongRejectsASixtyFifthBitButAcceptsZeroPadding() {
        assertThrows(ArithmeticException.class, () -> Leb128.readUnsignedLong(HEX.parseHex("ffffffffffffffffff03")));
        assertThrows(ArithmeticException.class, () -> Leb128.readUnsignedLong(HEX.parseHex("8080808080808080808001")));
        assertEquals(Long.MIN_VALUE, Leb128.readUnsignedLong(HEX.parseHex("80808080808080808001")));
        assertEquals(5, Leb128.readUnsignedLong(HEX.parseHex("858000")));
        assertThrows(IllegalArgumentException.class, () -> Leb128.readUnsignedLong(HEX.parseHex("8580")));
    }

    @Test
    void signedNumbersRoundTripAcrossTheLongBoundary() {
        for (BigInteger n : new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(-1), BigInteger.valueOf(-123456),
                BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(100), BigInteger.ONE.shiftLeft(100).negate()}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Leb128.writeSigned(n, out::write);
            assertEquals(n, Leb128.readSigned(input(out.toByteArray())), n.toString());
        }
        assertEquals("c0bb78", HEX.formatHex(Leb128.natOrInt(BigInteger.valueOf(-123456))));
    }

    @Test
    void bigUnsignedNumbersRoundTrip() {
        BigInteger n = BigInteger.ONE.shiftLeft(130).add(BigInteger.valueOf(77));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb128.writeUnsigned(n, out::write);
        assertArrayEquals(out.toByteArray(), Leb128.natOrInt(n));
        assertEquals(n, Leb128.readUnsigned(input(out.toByteArray())));
        assertThrows(IllegalArgumentException.class, () -> Leb128.writeUnsigned(BigInteger.valueOf(-1), b -> {}));
    }

    private static Leb128.ByteInput input(byte[] bytes) {
        int[] position = {0};
        return () -> bytes[position[0]++] & 0xff;
    }
}
