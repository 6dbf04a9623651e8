package io.github.icmaven.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CborTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static String hexOf(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void integersUseShortestHeads() {
        assertEquals("17", hexOf(Cbor.encode(23L)));
        assertEquals("1818", hexOf(Cbor.encode(24L)));
        assertEquals("190100", hexOf(Cbor.encode(256L)));
        assertEquals("1a00010000", hexOf(Cbor.encode(65536L)));
        assertEquals("1b0000000100000000", hexOf(Cbor.encode(1L << 32)));
        assertEquals("20", hexOf(Cbor.encode(-1L)));
        assertEquals("3863", hexOf(Cbor.encode(-100L)));
        assertEquals("1bffffffffffffffff", hexOf(Cbor.encode(new BigInteger("18446744073709551615"))));
        assertEquals("3bffffffffffffffff", hexOf(Cbor.encode(new BigInteger("-18446744073709551616"))));
    }

    @Test
    void integersBeyondLongDecodeToBigInteger() {
        assertEquals(new BigInteger("18446744073709551615"), Cbor.decode(hex("1bffffffffffffffff")));
        assertEquals(new BigInteger("-18446744073709551616"), Cbor.decode(hex("3bffffffffffffffff")));
        assertEquals(Long.MAX_VALUE, Cbor.decode(hex("1b7fffffffffffffff")));
        assertEquals(Long.MIN_VALUE, Cbor.decode(hex("3b7fffffffffffffff")));
        assertEquals(new BigInteger("18446744073709551616"), Cbor.decode(hex("c249010000000000000000")));
    }

    @Test
    void nestedValuesRoundTripPreservingMapOrder() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("z", List.of(1L, "two", new byte[] {3}, true, false));
        map.put("a", null);
        map.put("m", Map.of("inner", 1.5));
        map.put("t", new CborTag(42, "tagged"));
        @SuppressWarnings("unchecked")
        Map<Object, Object> back = (Map<Object, Object>) Cbor.decode(Cbor.encode(map));
        assertEquals(List.of("z", "a", "m", "t"), List.copyOf(back.keySet()));
        List<?> list = (List<?>) back.get("z");
        assertEquals(1L, list.get(0));
        assertEquals("two", list.get(1));
        assertArrayEquals(new byte[] {3}, (byte[]) list.get(2));
        assertEquals(List.of(true, false), list.subList(3, 5));
        assertTrue(back.containsKey("a") && back.get("a") == null);
        assertEquals(Map.of("inner", 1.5), back.get("m"));
        assertEquals(new CborTag(42, "tagged"), back.get("t"));
    }

    @Test
    void decodesIndefiniteLengthsAndFloats() {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) Cbor.decode(hex("5f42010241" + "03ff")));
        assertEquals("streaming", Cbor.decode(hex("7f657374726561646d696e67ff")));
        assertEquals(List.of(1L, List.of(2L, 3L)), Cbor.decode(hex("9f019f0203ffff")));
        assertEquals(Map.of("a", 1L, "b", List.of(2L)), Cbor.decode(hex("bf61610161629f02ffff")));
        assertEquals(1.5, Cbor.decode(hex("f93e00")));
        assertEquals(100000.0, Cbor.decode(hex("fa47c35000")));
        assertEquals(1.1, Cbor.decode(hex("fb3ff199999999999a")));
    }

    @Test
    void dropsSelfDescribeTagAnywhere() {
        assertEquals(List.of(1L, 2L), Cbor.decode(hex("d9d9f782d9d9f701d9d9f702")));
        assertEquals("d9d9f7a0", hexOf(Cbor.encode(CborTag.selfDescribed(Map.of()))));
    }

    @Test
    void rejectsTrailingBytesTruncationAndBogusLengths() {
        CborException trailing = assertThrows(CborException.class, () -> Cbor.decode(hex("0102")));
        assertTrue(trailing.getMessage().contains("Trailing"), trailing.getMessage());
        assertThrows(CborException.class, () -> Cbor.decode(hex("8301")));
        assertThrows(CborException.class, () -> Cbor.decode(hex("43")));
        assertThrows(CborException.class, () -> Cbor.decode(hex("9f01")));
        assertThrows(CborException.class, () -> Cbor.decode(new byte[0]));
        // A 4 GiB length announced in six bytes must fail fast, not allocate.
        assertThrows(CborException.class, () -> Cbor.decode(hex("5b00000000ffffffff00")));
        assertThrows(CborException.class, () -> Cbor.decode(hex("ff")));
        assertThrows(CborException.class, () -> Cbor.decode(hex("5f01ff")));
        assertThrows(CborException.class, () -> Cbor.encode(new Object()));
    }

    @Test
    void bigByteStringsRoundTrip() {
        byte[] blob = new byte[8 << 20];
        new Random(7).nextBytes(blob);
        byte[] encoded = Cbor.encode(Map.of("arg", blob));
        @SuppressWarnings("unchecked")
        Map<Object, Object> back = (Map<Object, Object>) Cbor.decode(encoded);
        assertArrayEquals(blob, (byte[]) back.get("arg"));
    }

    @Test
    void readsWhatJacksonWritesAndJacksonReadsWhatWeWrite() throws Exception {
        ObjectMapper jackson = new ObjectMapper(new CBORFactory());
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("arg", new byte[] {0x44, 0x49, 0x44, 0x4c});
        value.put("ingress_expiry", 1_700_000_000_000_000_000L);
        value.put("paths", List.of(List.of(new byte[] {1}, new byte[] {2})));
        @SuppressWarnings("unchecked")
        Map<Object, Object> decoded = (Map<Object, Object>) Cbor.decode(jackson.writeValueAsBytes(value));
        assertArrayEquals((byte[]) value.get("arg"), (byte[]) decoded.get("arg"));
        assertEquals(1_700_000_000_000_000_000L, decoded.get("ingress_expiry"));
        List<?> path = (List<?>) ((List<?>) decoded.get("paths")).get(0);
        assertArrayEquals(new byte[] {2}, (byte[]) path.get(1));

        Map<?, ?> viaJackson = jackson.readValue(Cbor.encode(value), Map.class);
        assertInstanceOf(byte[].class, viaJackson.get("arg"));
        assertEquals(1_700_000_000_000_000_000L, ((Number) viaJackson.get("ingress_expiry")).longValue());
    }
}
