package io.github.icmaven.replica.certification;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborTag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues certificates: CBOR {@code 55799({tree, signature, delegation?})} signed by the root key (no
 * delegation) or by another subnet's key with that subnet's {@link SubnetDelegation}.
 */
public final class Certificates {
    private static final byte[] TIME = "time".getBytes(StandardCharsets.US_ASCII);

    private Certificates() {
    }

    /** Certifies {@code tree} as given (already pruned as wanted) with {@code rootKey}. */
    public static byte[] certify(HashTree tree, BlsRootKey rootKey) {
        return certify(tree, rootKey, null);
    }

    /** Certifies {@code tree} with a subnet's key; {@code delegation} null for the root subnet. */
    public static byte[] certify(HashTree tree, BlsRootKey subnetKey, SubnetDelegation delegation) {
        Map<String, Object> certificate = new LinkedHashMap<>();
        certificate.put("tree", tree.toCbor());
        certificate.put("signature", subnetKey.signStateRoot(tree.digest()));
        if (delegation != null) {
            certificate.put("delegation", delegation.toCbor());
        }
        return Cbor.encode(CborTag.selfDescribed(certificate));
    }

    /**
     * Certifies the witness of {@code fullStateTree} for {@code paths}, always including {@code /time}
     * (clients check a certificate's age).
     */
    public static byte[] certifyPaths(HashTree fullStateTree, List<List<byte[]>> paths, BlsRootKey rootKey) {
        return certifyPaths(fullStateTree, paths, rootKey, null);
    }

    /** As {@link #certifyPaths(HashTree, List, BlsRootKey)}, by a subnet with {@code delegation} (null: root subnet). */
    public static byte[] certifyPaths(HashTree fullStateTree, List<List<byte[]>> paths, BlsRootKey subnetKey,
                                      SubnetDelegation delegation) {
        return certifyPaths(fullStateTree, paths, List.of(), subnetKey, delegation);
    }

    /** As {@link #certifyPaths(HashTree, List, BlsRootKey, SubnetDelegation)}, showing only the hash of {@code withheld} paths. */
    public static byte[] certifyPaths(HashTree fullStateTree, List<List<byte[]>> paths, List<List<byte[]>> withheld,
                                      BlsRootKey subnetKey, SubnetDelegation delegation) {
        List<List<byte[]>> withTime = new ArrayList<>(paths);
        withTime.add(List.of(TIME));
        HashTree witness = fullStateTree.witness(withTime);
        for (List<byte[]> path : withheld) {
            witness = witness.withhold(path);
        }
        return certify(witness, subnetKey, delegation);
    }
}
