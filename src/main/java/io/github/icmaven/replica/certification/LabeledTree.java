package io.github.icmaven.replica.certification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Labeled tree-shaped data, such as the IC state tree, from which a {@link HashTree} is built.
 * Children are kept sorted by label as unsigned bytes, as well-formed hash trees require.
 */
public sealed interface LabeledTree {

    /** A value at the end of a path. */
    record Leaf(byte[] value) implements LabeledTree {
    }

    /** Labeled children, sorted; the map is unmodifiable. */
    record Node(NavigableMap<byte[], LabeledTree> children) implements LabeledTree {
    }

    /** The hash tree of this data: labels in order, forks balanced, {@code Empty} for a childless node. */
    default HashTree toHashTree() {
        if (this instanceof Leaf leaf) {
            return new HashTree.Leaf(leaf.value());
        }
        List<HashTree> labeled = new ArrayList<>();
        ((Node) this).children().forEach((label, child) -> labeled.add(new HashTree.Labeled(label, child.toHashTree())));
        return balancedForks(labeled, 0, labeled.size());
    }

    private static HashTree balancedForks(List<HashTree> trees, int from, int to) {
        int count = to - from;
        if (count == 0) {
            return new HashTree.Empty();
        }
        if (count == 1) {
            return trees.get(from);
        }
        int mid = from + count / 2;
        return new HashTree.Fork(balancedForks(trees, from, mid), balancedForks(trees, mid, to));
    }

    /** A new, empty builder. */
    static Builder builder() {
        return new Builder();
    }

    /** Builds a labeled tree path by path. Not thread-safe. */
    final class Builder {
        private final TreeMap<byte[], Object> root = new TreeMap<>(Arrays::compareUnsigned);

        private Builder() {
        }

        /**
         * Puts {@code value} at {@code path}, creating nodes on the way.
         *
         * @throws IllegalArgumentException if the path is empty or passes through or ends at an
         *                                  existing leaf/node of the other kind
         */
        public Builder put(List<byte[]> path, byte[] value) {
            if (path.isEmpty()) {
                throw new IllegalArgumentException("A labeled tree value needs a non-empty path");
            }
            TreeMap<byte[], Object> node = root;
            for (int i = 0; i < path.size() - 1; i++) {
                node = childNode(node, path.get(i));
            }
            Object existing = node.get(path.get(path.size() - 1));
            if (existing instanceof TreeMap) {
                throw new IllegalArgumentException("Path " + text(path) + " already holds a subtree");
            }
            node.put(path.get(path.size() - 1).clone(), value.clone());
            return this;
        }

        /**
         * Puts {@code value} at the path spelled by {@code labels}: {@code byte[]} labels as they are,
         * anything else as the UTF-8 of its {@code toString()}, e.g.
         * {@code put(der, "subnet", subnetId.bytes(), "public_key")}.
         */
        public Builder put(byte[] value, Object... labels) {
            List<byte[]> path = new ArrayList<>(labels.length);
            for (Object label : labels) {
                path.add(label instanceof byte[] bytes ? bytes : label.toString().getBytes(StandardCharsets.UTF_8));
            }
            return put(path, value);
        }

        /** Makes sure a (possibly empty) subtree exists at {@code path}. */
        public Builder ensureNode(List<byte[]> path) {
            TreeMap<byte[], Object> node = root;
            for (byte[] label : path) {
                node = childNode(node, label);
            }
            return this;
        }

        @SuppressWarnings("unchecked")
        private static TreeMap<byte[], Object> childNode(TreeMap<byte[], Object> node, byte[] label) {
            Object child = node.get(label);
            if (child == null) {
                TreeMap<byte[], Object> created = new TreeMap<>(Arrays::compareUnsigned);
                node.put(label.clone(), created);
                return created;
            }
            if (child instanceof TreeMap) {
                return (TreeMap<byte[], Object>) child;
            }
            throw new IllegalArgumentException("Label " + new String(label, StandardCharsets.UTF_8)
                    + " already holds a leaf, cannot put a subtree below it");
        }

        /** The tree built so far. */
        public LabeledTree build() {
            return freeze(root);
        }

        @SuppressWarnings("unchecked")
        private static LabeledTree freeze(TreeMap<byte[], Object> node) {
            TreeMap<byte[], LabeledTree> children = new TreeMap<>(Arrays::compareUnsigned);
            node.forEach((label, child) -> children.put(label,
                    child instanceof byte[] value ? new Leaf(value) : freeze((TreeMap<byte[], Object>) child)));
            return new Node(Collections.unmodifiableNavigableMap(children));
        }

        private static String text(List<byte[]> path) {
            StringBuilder sb = new StringBuilder();
            for (byte[] label : path) {
                sb.append('/').append(new String(label, StandardCharsets.UTF_8));
            }
            return sb.toString();
        }
    }
}
