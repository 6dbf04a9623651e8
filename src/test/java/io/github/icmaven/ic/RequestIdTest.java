package io.github.icmaven.ic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.icmaven.encoding.Leb128;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestIdTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void matchesTheSpecExample() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("request_type", "call");
        content.put("sender", new byte[] {4});
        content.put("ingress_expiry", 1685570400000000000L);
        content.put("canister_id", HEX.parseHex("00000000000004D2"));
        content.put("method_name", "hello");
        content.put("arg", "DIDL\u0000\u00FD*".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101",
                HEX.formatHex(RequestId.of(content)));
        assertEquals("0x1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101",
                RequestId.toText(RequestId.of(content)));
    }

    @Test
    void lebEncodingsMatchTheSpec() {
        assertEquals("00", HEX.formatHex(Leb128.natOrInt(BigInteger.ZERO)));
        assertEquals("e58e26", HEX.formatHex(Leb128.natOrInt(BigInteger.valueOf(624485))));
        assertEquals("c0bb78", HEX.formatHex(Leb128.natOrInt(BigInteger.valueOf(-123456))));
        assertEquals("7f", HEX.formatHex(Leb128.natOrInt(BigInteger.valueOf(-1))));
        assertEquals("ffffffffffffffffff01",
                HEX.formatHex(Leb128.natOrInt(new BigInteger("18446744073709551615"))));
    }

    @Test
    void nestedMapsAndArraysFollowTheSpecRules() {
        byte[] arg = "DIDL\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] inner = RepresentationIndependentHash.sha256(concat(
                RepresentationIndependentHash.sha256("arg".getBytes(StandardCharsets.US_ASCII)),
                RepresentationIndependentHash.sha256(arg)));
        byte[] expected = RepresentationIndependentHash.sha256(concat(
                RepresentationIndependentHash.sha256("reply".getBytes(StandardCharsets.US_ASCII)), inner));
        assertArrayEquals(expected, RepresentationIndependentHash.hashOfMap(Map.of("reply", Map.of("arg", arg))));

        byte[] a = {1};
        byte[] b = {2};
        byte[] arrayHash = RepresentationIndependentHash.sha256(concat(
                RepresentationIndependentHash.sha256(a), RepresentationIndependentHash.sha256(b)));
        assertArrayEquals(arrayHash, RepresentationIndependentHash.hashOfValue(List.of(a, b)));
    }

    @Test
    void fieldOrderDoesNotMatterButValuesDo() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("a", 1L);
        one.put("b", "x");
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("b", "x");
        two.put("a", 1L);
        assertArrayEquals(RequestId.of(one), RequestId.of(two));
        two.put("a", 2L);
        assertNotEquals(HEX.formatHex(RequestId.of(one)), HEX.formatHex(RequestId.of(two)));
    }

    @Test
    void refusesValuesWithoutAHash() {
        assertThrows(IllegalArgumentException.class, () -> RequestId.of(Map.of("flag", true)));
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] out = new byte[x.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}
