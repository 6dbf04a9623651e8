package io.github.icmaven.core.ic.transport;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;

import java.util.Map;

/** Names a request for a log line from its envelope: the method of a call or query, or what it reads. */
final class RequestDescriptions {
    private RequestDescriptions() {}

    /**
     * @param envelope the CBOR envelope, or null for a request without one
     * @param fallback used when the envelope names nothing, e.g. {@code GET /api/v2/status}
     */
    static String describe(byte[] envelope, String fallback) {
        if (envelope == null) {
            return fallback;
        }
        try {
            if (Cbor.decode(envelope) instanceof Map<?, ?> map && map.get("content") instanceof Map<?, ?> content
                    && content.get("request_type") instanceof String type) {
                return content.get("method_name") instanceof String method ? type + " " + method
                        : type + " (" + fallback + ")";
            }
        } catch (CborException e) {
            // not an envelope we can read: the path says enough
        }
        return fallback;
    }
}
