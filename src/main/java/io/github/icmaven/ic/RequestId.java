package io.github.icmaven.ic;

import java.util.HexFormat;
import java.util.Map;

/** Request ids: the representation-independent hash of a request's {@code content} map. */
public final class RequestId {
    private RequestId() {
    }

    /**
     * The 32-byte request id of {@code content}, as decoded from CBOR (all fields count, including
     * ones this replica does not know).
     *
     * @throws IllegalArgumentException if a field value has no representation-independent hash
     */
    public static byte[] of(Map<String, Object> content) {
        return RepresentationIndependentHash.hashOfMap(content);
    }

    /** The recommended textual form: {@code 0x} and lower-case hex. */
    public static String toText(byte[] requestId) {
        return "0x" + HexFormat.of().formatHex(requestId);
    }
}
