package io.github.icmaven.replica.certification;

import io.github.icmaven.cbor.CborException;
import io.github.icmaven.ic.DomainSeparator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A hash tree of the certification spec. Records hold arrays, so they compare by identity; compare
 * trees by {@link #digest()} or by {@link #toCbor()} encodings.
 */
public sealed interface HashTree {

    /** The root hash as {@code reconstruct} in the spec defines it. */
    byte[] digest();

    /** The CBOR value form: {@code [0]}, {@code [1,l,r]}, {@code [2,label,t]}, {@code [3,data]}, {@code [4,hash]}. */
    List<Object> toCbor();

    /** The empty tree. */
    record Empty() implements HashTree {
        private static final byte[] DIGEST = sha256(DomainSeparator.of("ic-hashtree-empty"));

        @Override
        public byte[] digest() {
            return DIGEST.clone();
        }

        @Override
        public List<Object> toCbor() {
            return List.of(0L);
        }
    }

    /** Two subtrees side by side. */
    record Fork(HashTree left, HashTree right) implements HashTree {
        @Override
        public byte[] digest() {
            return sha256(DomainSeparator.of("ic-hashtree-fork"), left.digest(), right.digest());
        }

        @Override
        public List<Object> toCbor() {
            return List.of(1L, left.toCbor(), right.toCbor());
        }
    }

    /** A subtree under a label. */
    record Labeled(byte[] label, HashTree subtree) implements HashTree {
        @Override
        public byte[] digest() {
            return sha256(DomainSeparator.of("ic-hashtree-labeled"), label, subtree.digest());
        }

        @Override
        public List<Object> toCbor() {
            return List.of(2L, label, subtree.toCbor());
        }

        @Override
        public String toString() {
            return "Labeled[" + HexFormat.of().formatHex(label) + ", " + subtree + "]";
        }
    }

    /** A value. */
    record Leaf(byte[] value) implements HashTree {
        @Override
        public byte[] digest() {
            return sha256(DomainSeparator.of("ic-hashtree-leaf"), value);
        }

        @Override
        public List<Object> toCbor() {
            return List.of(3L, value);
        }

        @Override
        public String toString() {
            return "Leaf[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** A subtree replaced by its root hash. */
    record Pruned(byte[] hash) implements HashTree {
        @Override
        public byte[] digest() {
            return hash.clone();
        }

        @Override
        public List<Object> toCbor() {
            return List.of(4L, hash);
        }

        @Override
        public String toString() {
            return "Pruned[" + HexFormat.of().formatHex(hash) + "]";
        }
    }

    /** A leaf holding UTF-8 text. */
    static HashTree leaf(String text) {
        return new Leaf(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A subtree under a UTF-8 text label. */
    static HashTree labeled(String label, HashTree subtree) {
        return new Labeled(label.getBytes(StandardCharsets.UTF_8), subtree);
    }

    /**
     * Reads the CBOR value form (as {@link io.github.icmaven.cbor.Cbor#decode} returns it).
     *
     * @throws CborException if the value is not a well-typed hash tree
     */
    static HashTree fromCbor(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Long kind)) {
            throw new CborException("A hash tree node must be an array starting with its kind");
        }
        int expectedSize = switch (kind.intValue()) {
            case 0 -> 1;
            case 1, 2 -> 3;
            case 3, 4 -> 2;
            default -> throw new CborException("Unknown hash tree node kind " + kind);
        };
        if (list.size() != expectedSize || kind > 4) {
            throw new CborException("Hash tree node of kind " + kind + " must have " + expectedSize + " element(s)");
        }
        return switch (kind.intValue()) {
            case 0 -> new Empty();
            case 1 -> new Fork(fromCbor(list.get(1)), fromCbor(list.get(2)));
            case 2 -> new Labeled(bytes(list.get(1), "label"), fromCbor(list.get(2)));
            case 3 -> new Leaf(bytes(list.get(1), "leaf value"));
            default -> {
                byte[] hash = bytes(list.get(1), "pruned hash");
                if (hash.length != 32) {
                    throw new CborException("A pruned hash must have 32 bytes, got " + hash.length);
                }
                yield new Pruned(hash);
            }
        };
    }

    /**
     * Looks up {@code path} as the spec's {@code lookup_path} does.
     */
    default LookupResult lookup(List<byte[]> path) {
        HashTree tree = this;
        for (byte[] label : path) {
            LookupResult step = findLabel(label, flatten(tree));
            if (step.status() != LookupResult.Status.FOUND) {
                return step;
            }
            tree = step.subtree();
        }
        if (tree instanceof Empty) {
            return LookupResult.ABSENT;
        }
        if (tree instanceof Leaf leaf) {
            return LookupResult.found(leaf.value(), tree);
        }
        if (tree instanceof Pruned) {
            return LookupResult.UNKNOWN;
        }
        return LookupResult.error(tree);
    }

    /**
     * A witness for {@code paths}: this tree with every subtree that no path needs replaced by its
     * hash. Paths that exist are revealed in full below their end; for paths that do not exist, the
     * neighbouring labels are kept so that clients see {@code Absent} rather than {@code Unknown}.
     * The digest is unchanged.
     */
    default HashTree witness(List<List<byte[]>> paths) {
        return Witness.prune(this, PathTrie.of(paths));
    }

    /**
     * This tree with the subtree at {@code path}, where revealed, replaced by its hash: for values a
     * certificate must not show although a requested path covers them. The digest is unchanged.
     */
    default HashTree withhold(List<byte[]> path) {
        if (path.isEmpty()) {
            return this instanceof Pruned ? this : new Pruned(digest());
        }
        if (this instanceof Fork fork) {
            return new Fork(fork.left().withhold(path), fork.right().withhold(path));
        }
        if (this instanceof Labeled labeled && Arrays.equals(labeled.label(), path.get(0))) {
            return new Labeled(labeled.label(), labeled.subtree().withhold(path.subList(1, path.size())));
        }
        return this;
    }

    private static List<HashTree> flatten(HashTree tree) {
        List<HashTree> out = new ArrayList<>();
        flattenInto(tree, out);
        return out;
    }

    private static void flattenInto(HashTree tree, List<HashTree> out) {
        if (tree instanceof Fork fork) {
            flattenInto(fork.left(), out);
            flattenInto(fork.right(), out);
        } else if (!(tree instanceof Empty)) {
            out.add(tree);
        }
    }

    /** The spec's {@code find_label} on a flattened forest. */
    private static LookupResult findLabel(byte[] label, List<HashTree> forest) {
        if (forest.isEmpty() || (forest.size() == 1 && forest.get(0) instanceof Leaf)) {
            return LookupResult.ABSENT;
        }
        for (int i = 0; i < forest.size(); i++) {
            if (!(forest.get(i) instanceof Labeled here)) {
                continue;
            }
            int cmp = Arrays.compareUnsigned(label, here.label());
            if (cmp == 0) {
                return LookupResult.found(null, here.subtree());
            }
            if (cmp < 0) {
                // Absent if the previous node is a label below ours, or there is none.
                if (i == 0 || (forest.get(i - 1) instanceof Labeled prev
                        && Arrays.compareUnsigned(prev.label(), label) < 0)) {
                    return LookupResult.ABSENT;
                }
                return LookupResult.UNKNOWN;
            }
        }
        if (forest.get(forest.size() - 1) instanceof Labeled last && Arrays.compareUnsigned(last.label(), label) < 0) {
            return LookupResult.ABSENT;
        }
        return LookupResult.UNKNOWN;
    }

    private static byte[] bytes(Object value, String what) {
        if (!(value instanceof byte[] bytes)) {
            throw new CborException("A hash tree " + what + " must be a byte string");
        }
        return bytes;
    }


    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
