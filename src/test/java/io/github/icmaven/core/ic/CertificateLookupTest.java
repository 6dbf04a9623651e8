package io.github.icmaven.core.ic;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lookups in a certificate's tree, shaped as the interface spec's example (forks, labels, leaves, pruned parts). */
class CertificateLookupTest {
    private static final byte[] HASH = new byte[32];

    // fork(labeled "a" (fork(pruned, labeled "x" leaf "hello")), fork(labeled "b" leaf "world", pruned))
    private static final CertificateLookup CERTIFICATE = CertificateLookup.of(Cbor.encode(Map.of(
            "tree", List.of(1L,
                    List.of(2L, b("a"), List.of(1L, List.of(4L, HASH), List.of(2L, b("x"), List.of(3L, b("hello"))))),
                    List.of(1L, List.of(2L, b("b"), List.of(3L, b("world"))), List.of(4L, HASH))),
            "signature", new byte[48])));

    @Test
    void findsLeavesUnderForksAndLabels() {
        assertArrayEquals(b("hello"), CERTIFICATE.lookup(List.of(b("a"), b("x"))).orElseThrow());
        assertArrayEquals(b("world"), CERTIFICATE.lookup(List.of(b("b"))).orElseThrow());
    }

    @Test
    void absentPrunedOrNonLeafPathsHoldNothing() {
        assertTrue(CERTIFICATE.lookup(List.of(b("c"))).isEmpty(), "absent label");
        assertTrue(CERTIFICATE.lookup(List.of(b("a"), b("y"))).isEmpty(), "label under a pruned branch");
        assertTrue(CERTIFICATE.lookup(List.of(b("a"))).isEmpty(), "a subtree is not a value");
        assertTrue(CERTIFICATE.lookup(List.of(b("b"), b("x"))).isEmpty(), "nothing below a leaf");
    }

    @Test
    void somethingElseThanACertificateIsRefused() {
        assertThrows(CborException.class, () -> CertificateLookup.of(new byte[] {(byte) 0xff}));
        assertThrows(CborException.class, () -> CertificateLookup.of(Cbor.encode(Map.of("signature", new byte[48]))));
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
