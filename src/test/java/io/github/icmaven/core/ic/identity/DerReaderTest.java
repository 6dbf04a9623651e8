package io.github.icmaven.core.ic.identity;

import io.github.icmaven.core.ic.identity.DerReader.MalformedDerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DerReaderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void readsNestedElementsInOrder() throws Exception {
        DerReader outer = reader("300b 020105 0401aa 06032b6570");
        DerReader.Element sequence = outer.next(DerReader.SEQUENCE);
        outer.expectEnd();
        assertEquals("300b0201050401aa06032b6570", HEX.formatHex(sequence.encoded()));
        DerReader inside = sequence.children();
        assertEquals(5, inside.next(DerReader.INTEGER).smallInteger());
        assertEquals(DerReader.OCTET_STRING, inside.peekTag());
        assertArrayEquals(new byte[] {(byte) 0xaa}, inside.next().contents());
        assertEquals("1.3.101.112", inside.next(DerReader.OBJECT_IDENTIFIER).objectIdentifier());
        assertFalse(inside.hasNext());
        assertEquals(-1, inside.peekTag());
        inside.expectEnd();
    }

    @Test
    void readsLongFormLengths() throws Exception {
        byte[] der = new byte[3 + 200];
        der[0] = 0x04;
        der[1] = (byte) 0x81;
        der[2] = (byte) 200;
        assertEquals(200, DerReader.of(der).next(DerReader.OCTET_STRING).contents().length);
        byte[] twoByteLength = new byte[4 + 300];
        System.arraycopy(HEX.parseHex("0482012c"), 0, twoByteLength, 0, 4);
        assertEquals(300, DerReader.of(twoByteLength).next(DerReader.OCTET_STRING).contents().length);
    }

    @Test
    void decodesObjectIdentifiersWithMultiByteArcs() throws Exception {
        assertEquals("1.2.840.10045.2.1", reader("06072a8648ce3d0201").next().objectIdentifier());
        assertEquals("1.3.132.0.10", reader("06052b8104000a").next().objectIdentifier());
        assertEquals("2.999.3", reader("0603883703").next().objectIdentifier());
        assertMalformed("truncated OBJECT IDENTIFIER", () -> reader("06022b81").next().objectIdentifier());
        assertMalformed("truncated OBJECT IDENTIFIER", () -> reader("0600").next().objectIdentifier());
    }

    @Test
    void truncatedInputIsRefused() {
        assertMalformed("truncated: an element is missing", () -> reader("").next());
        assertMalformed("truncated: no length", () -> reader("30").next());
        assertMalformed("truncated length", () -> reader("048201").next());
        assertMalformed("length 5 exceeds the 3 bytes left", () -> reader("3005020100").next());
        assertMalformed("truncated: an element is missing", () -> reader("3000").next().children().next(DerReader.INTEGER));
    }

    @Test
    void lengthsThatOverflowOrAreNotDefiniteAreRefused() {
        assertMalformed("length 4294967295 exceeds the 1 bytes left", () -> reader("0484ffffffff00").next());
        assertMalformed("length 2147483648 exceeds", () -> reader("048480000000").next());
        assertMalformed("length of 5 bytes", () -> reader("04850000000001").next());
        assertMalformed("indefinite length", () -> reader("30800201000000").next());
        // An inner length may not run past its enclosing element even when the buffer has more bytes.
        assertMalformed("length 3 exceeds the 2 bytes left", () -> reader("30040403aabb ccdd").next().children().next());
    }

    @Test
    void trailingBytesAreRefused() throws Exception {
        DerReader reader = reader("020100ff");
        reader.next(DerReader.INTEGER);
        assertMalformed("1 trailing bytes", reader::expectEnd);
    }

    @Test
    void unexpectedTagsAreRefused() {
        assertMalformed("tag 0x04 where 0x30 was expected", () -> reader("0400").next(DerReader.SEQUENCE));
        assertMalformed("multi-byte tag", () -> reader("1f8101").next());
    }

    @Test
    void integersAndBitStringsOutsideWhatKeysUseAreRefused() {
        assertMalformed("negative INTEGER", () -> reader("0201ff").next().smallInteger());
        assertMalformed("INTEGER of 0 bytes", () -> reader("0200").next().smallInteger());
        assertMalformed("INTEGER of 4 bytes", () -> reader("020401000000").next().smallInteger());
        assertMalformed("not a whole number of bytes", () -> reader("030207aa").next().bitStringBytes());
        assertMalformed("not a whole number of bytes", () -> reader("0300").next().bitStringBytes());
    }

    private static DerReader reader(String hex) {
        return DerReader.of(HEX.parseHex(hex.replace(" ", "")));
    }

    private static void assertMalformed(String expectedMessagePart, Executable read) {
        MalformedDerException e = assertThrows(MalformedDerException.class, read);
        assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
    }
}
