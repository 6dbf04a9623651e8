package io.github.icmaven.replica.certification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashTreeTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The example tree of the certification spec. */
    private static final String SPEC_TREE = "8301830183024161830183018302417882034568656c6c6f810083024179820345776f726c6483024162820344676f6f648301830241638100830241648203476d6f726e696e67";
    private static final String SPEC_PRUNED = "83018301830241618301820458201b4feff9bef8131788b0c9dc6dbad6e81e524249c879e9f10f71ce3749f5a63883024179820345776f726c6483024162820458207b32ac0c6ba8ce35ac82c255fc7906f7fc130dab2a090f80fe12f9c2cae83ba6830182045820ec8324b8a1f1ac16bd2e806edba78006479c9877fed4eb464a25485465af601d830241648203476d6f726e696e67";
    private static final String SPEC_ROOT = "eb5c5b2195e62d996b84c9bcc8259d19a83786a2f59e0878cec84c811f669aa0";

    private static List<byte[]> path(String... labels) {
        List<byte[]> out = new ArrayList<>();
        for (String label : labels) {
            out.add(label.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static HashTree decode(String hex) {
        return HashTree.fromCbor(Cbor.decode(HEX.parseHex(hex)));
    }

    @Test
    void specExampleDigestsAndRoundTrips() {
        HashTree full = decode(SPEC_TREE);
        assertEquals(SPEC_ROOT, HEX.formatHex(full.digest()));
        assertEquals(SPEC_TREE, HEX.formatHex(Cbor.encode(full.toCbor())));
        HashTree pruned = decode(SPEC_PRUNED);
        assertEquals(SPEC_ROOT, HEX.formatHex(pruned.digest()));
        assertEquals(SPEC_PRUNED, HEX.formatHex(Cbor.encode(pruned.toCbor())));
    }

    @Test
    void lookupFollowsTheSpecTable() {
        HashTree pruned = decode(SPEC_PRUNED);
        assertEquals(LookupResult.Status.UNKNOWN, pruned.lookup(path("a", "a")).status());
        LookupResult world = pruned.lookup(path("a", "y"));
        assertEquals(LookupResult.Status.FOUND, world.status());
        assertArrayEquals("world".getBytes(StandardCharsets.UTF_8), world.value());
        assertEquals(LookupResult.Status.ABSENT, pruned.lookup(path("aa")).status());
        assertEquals(LookupResult.Status.ABSENT, pruned.lookup(path("ax")).status());
        assertEquals(LookupResult.Status.UNKNOWN, pruned.lookup(path("b")).status());
        assertEquals(LookupResult.Status.UNKNOWN, pruned.lookup(path("bb")).status());
        assertArrayEquals("morning".getBytes(StandardCharsets.UTF_8), pruned.lookup(path("d")).value());
        assertEquals(LookupResult.Status.ABSENT, pruned.lookup(path("e")).status());
        assertEquals(LookupResult.Status.ERROR, pruned.lookup(path("a")).status());
    }

    @Test
    void witnessOfTheSpecExampleIsTheSpecPrunedTree() {
        HashTree witness = decode(SPEC_TREE).witness(List.of(path("a", "y"), path("ax"), path("d")));
        assertEquals(SPEC_PRUNED, HEX.formatHex(Cbor.encode(witness.toCbor())));
    }

    @Test
    void builtTreesProveBothPresenceAndAbsence() {
        LabeledTree.Builder builder = LabeledTree.builder();
        builder.put(new byte[] {42}, "time");
        for (int i = 0; i < 50; i++) {
            builder.put(("v" + i).getBytes(StandardCharsets.UTF_8), "request_status", "id" + (2 * i), "status");
        }
        builder.ensureNode(path("canister"));
        HashTree full = builder.build().toHashTree();

        List<List<byte[]>> paths = List.of(path("request_status", "id20"), path("request_status", "id21"),
                path("request_status", "zzz"), path("request_status", "a"), path("canister", "x"),
                path("nothing"), path("time"));
        HashTree witness = full.witness(paths);
        assertArrayEquals(full.digest(), witness.digest());
        assertArrayEquals("v10".getBytes(StandardCharsets.UTF_8),
                witness.lookup(path("request_status", "id20", "status")).value());
        for (List<byte[]> absent : List.of(path("request_status", "id21"), path("request_status", "id21", "status"),
                path("request_status", "zzz"), path("request_status", "a"), path("canister", "x"), path("nothing"))) {
            assertEquals(LookupResult.Status.ABSENT, witness.lookup(absent).status(),
                    () -> new String(absent.get(absent.size() - 1), StandardCharsets.UTF_8));
        }
        assertArrayEquals(new byte[] {42}, witness.lookup(path("time")).value());
        // Data nobody asked for stays hidden.
        assertEquals(LookupResult.Status.UNKNOWN, witness.lookup(path("request_status", "id40", "status")).status());
        // Small: 50 requests, but only a logarithmic number of nodes revealed.
        int revealed = Cbor.encode(witness.toCbor()).length;
        int total = Cbor.encode(full.toCbor()).length;
        org.junit.jupiter.api.Assertions.assertTrue(revealed < total / 2, revealed + " vs " + total);
    }

    @Test
    void emptyTreeAndLeafDigestsUseDomainSeparators() throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest("\u0011ic-hashtree-empty".getBytes(StandardCharsets.US_ASCII)),
                new HashTree.Empty().digest());
        assertArrayEquals(sha.digest("\u0010ic-hashtree-leafhi".getBytes(StandardCharsets.US_ASCII)),
                HashTree.leaf("hi").digest());
        assertEquals(LookupResult.Status.ABSENT, new HashTree.Empty().lookup(path("x")).status());
        assertEquals(LookupResult.Status.ABSENT, LabeledTree.builder().build().toHashTree().lookup(path("x")).status());
    }

    @Test
    void refusesMalformedTrees() {
        assertThrows(CborException.class, () -> HashTree.fromCbor(List.of(5L)));
        assertThrows(CborException.class, () -> HashTree.fromCbor(List.of(1L, List.of(0L))));
        assertThrows(CborException.class, () -> HashTree.fromCbor(List.of(4L, new byte[31])));
        assertThrows(CborException.class, () -> HashTree.fromCbor("tree"));
        assertThrows(IllegalArgumentException.class,
                () -> LabeledTree.builder().put(new byte[] {1}, "a").put(new byte[] {2}, "a", "b"));
    }
}
