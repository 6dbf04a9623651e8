package io.github.icmaven.replica.certification;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborTag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Issues certificates: CBOR {@code 55799({tree, signature})} signed by the root key, no delegation. */
public final class Certificates {
    private static final byte[] TIME = "time".getBytes(StandardCharsets.US_ASCII);

    private Certificates() {
    }

    /** Certifies {@code tree} as given (already pruned as wanted) with {@code rootKey}. */
    public static byte[] certify(HashTree tree, BlsRootKey rootKey) {
        Map<String, Object> certificate = new LinkedHashMap<>();
        certificate.put("tree", tree.toCbor());
        certificate.put("signature", rootKey.signStateRoot(tree.digest()));
        return Cbor.encode(CborTag.selfDescribed(certificate));
    }

    /**
     * Certifies the witness of {@code fullStateTree} for {@code paths}, always including {@code /time}
     * (clients check a certificate's age).
     */
    public static byte[] certifyPaths(HashTree fullStateTree, List<List<byte[]>> paths, BlsRootKey rootKey) {
        List<List<byte[]>> withTime = new ArrayList<>(paths);
        withTime.add(List.of(TIME));
        return certify(fullStateTree.witness(withTime), rootKey);
    }
}
