package io.github.icmaven.replica.certification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/** Prunes a full hash tree down to what a client needs to look up a set of paths. */
final class Witness {
    private Witness() {
    }

    static HashTree prune(HashTree tree, PathTrie request) {
        if (request.terminal) {
            return tree;
        }
        if (request.children.isEmpty()) {
            return new HashTree.Pruned(tree.digest());
        }
        if (tree instanceof HashTree.Leaf) {
            return tree; // a path below a leaf is Absent only if the client sees the leaf
        }
        List<HashTree.Labeled> labeled = new ArrayList<>();
        collectLabeled(tree, labeled);
        // What to do with each label at this level: recurse (requested) or show label only (neighbour).
        // Identity maps: the records hold arrays, and hashing a subtree would walk all of it.
        Map<HashTree.Labeled, PathTrie> recurse = new IdentityHashMap<>();
        Map<HashTree.Labeled, Boolean> labelOnly = new IdentityHashMap<>();
        for (Entry<byte[], PathTrie> wanted : request.children.entrySet()) {
            int index = search(labeled, wanted.getKey());
            if (index >= 0) {
                recurse.put(labeled.get(index), wanted.getValue());
            } else {
                int insertion = -index - 1;
                if (insertion > 0) {
                    labelOnly.put(labeled.get(insertion - 1), true);
                }
                if (insertion < labeled.size()) {
                    labelOnly.put(labeled.get(insertion), true);
                }
            }
        }
        return rebuild(tree, recurse, labelOnly);
    }

    private static HashTree rebuild(HashTree tree, Map<HashTree.Labeled, PathTrie> recurse,
                                    Map<HashTree.Labeled, Boolean> labelOnly) {
        if (tree instanceof HashTree.Fork fork) {
            HashTree left = rebuild(fork.left(), recurse, labelOnly);
            HashTree right = rebuild(fork.right(), recurse, labelOnly);
            HashTree rebuilt = new HashTree.Fork(left, right);
            // From the children's hashes, not tree.digest(): that would hash the whole subtree again at
            // every level, and the state tree holds every call of the last minutes.
            return revealsNothing(left) && revealsNothing(right) ? new HashTree.Pruned(rebuilt.digest()) : rebuilt;
        }
        if (tree instanceof HashTree.Labeled node) {
            PathTrie below = recurse.get(node);
            if (below != null) {
                return new HashTree.Labeled(node.label(), prune(node.subtree(), below));
            }
            if (labelOnly.containsKey(node)) {
                return new HashTree.Labeled(node.label(), new HashTree.Pruned(node.subtree().digest()));
            }
        }
        if (tree instanceof HashTree.Empty) {
            return tree;
        }
        return new HashTree.Pruned(tree.digest());
    }

    /** Pruned and empty subtrees carry no labels a client could need. */
    private static boolean revealsNothing(HashTree tree) {
        return tree instanceof HashTree.Pruned || tree instanceof HashTree.Empty;
    }

    private static void collectLabeled(HashTree tree, List<HashTree.Labeled> out) {
        if (tree instanceof HashTree.Fork fork) {
            collectLabeled(fork.left(), out);
            collectLabeled(fork.right(), out);
        } else if (tree instanceof HashTree.Labeled labeled) {
            out.add(labeled);
        }
    }

    /** Binary search by label over a well-formed (strictly increasing) forest. */
    private static int search(List<HashTree.Labeled> labeled, byte[] label) {
        int low = 0;
        int high = labeled.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = Arrays.compareUnsigned(labeled.get(mid).label(), label);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }
}
