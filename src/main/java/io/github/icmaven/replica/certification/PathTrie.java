package io.github.icmaven.replica.certification;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** Requested paths as a trie; a node is terminal when some path ends there (reveal all below). */
final class PathTrie {
    final TreeMap<byte[], PathTrie> children = new TreeMap<>(Arrays::compareUnsigned);
    boolean terminal;

    static PathTrie of(List<List<byte[]>> paths) {
        PathTrie root = new PathTrie();
        for (List<byte[]> path : paths) {
            PathTrie node = root;
            for (byte[] label : path) {
                node = node.children.computeIfAbsent(label, l -> new PathTrie());
            }
            node.terminal = true;
        }
        return root;
    }
}
