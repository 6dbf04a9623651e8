package io.github.icmaven.core.ic;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads values out of a certificate's hash tree (interface spec, "Certificate" and "Lookup"), decoded with the
 * plugin's own CBOR. Whether the certificate may be trusted is decided elsewhere ({@link IcCaller} has ic4j verify
 * its signature); this only finds what it says.
 */
final class CertificateLookup {
    private static final long FORK = 1;
    private static final long LABELED = 2;
    private static final long LEAF = 3;

    private final Object tree;
    private final byte[] delegatedSubnetId;

    private CertificateLookup(Object tree, byte[] delegatedSubnetId) {
        this.tree = tree;
        this.delegatedSubnetId = delegatedSubnetId;
    }

    /** @throws CborException if {@code certificate} is not a CBOR map with a {@code tree} */
    static CertificateLookup of(byte[] certificate) {
        if (!(Cbor.decode(certificate) instanceof Map<?, ?> map) || !(map.get("tree") instanceof List<?> tree)) {
            throw new CborException("a certificate is a CBOR map with a tree");
        }
        byte[] subnetId = map.get("delegation") instanceof Map<?, ?> delegation
                && delegation.get("subnet_id") instanceof byte[] id ? id : null;
        return new CertificateLookup(tree, subnetId);
    }

    /** The subnet whose key signed the certificate under a delegation from the root subnet; empty without one. */
    Optional<byte[]> delegatedSubnetId() {
        return Optional.ofNullable(delegatedSubnetId);
    }

    /** The leaf at {@code path}; empty when the tree does not hold it (absent, or pruned away). */
    Optional<byte[]> lookup(List<byte[]> path) {
        Object node = tree;
        for (byte[] label : path) {
            node = child(node, label);
            if (node == null) {
                return Optional.empty();
            }
        }
        return node instanceof List<?> leaf && kind(leaf) == LEAF && leaf.size() == 2 && leaf.get(1) instanceof byte[] value
                ? Optional.of(value) : Optional.empty();
    }

    /** The subtree labeled {@code label} among the labeled nodes under {@code node}'s forks, or null. */
    private static Object child(Object node, byte[] label) {
        if (!(node instanceof List<?> list)) {
            return null;
        }
        long kind = kind(list);
        if (kind == FORK && list.size() == 3) {
            Object left = child(list.get(1), label);
            return left != null ? left : child(list.get(2), label);
        }
        if (kind == LABELED && list.size() == 3 && list.get(1) instanceof byte[] nodeLabel
                && Arrays.equals(nodeLabel, label)) {
            return list.get(2);
        }
        return null; // empty, leaf, pruned, another label
    }

    private static long kind(List<?> node) {
        return !node.isEmpty() && node.get(0) instanceof Long tag ? tag : -1;
    }
}
