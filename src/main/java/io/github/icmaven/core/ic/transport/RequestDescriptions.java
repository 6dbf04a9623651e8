package io.github.icmaven.core.ic.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

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
            JsonNode content = CborBodies.tree(envelope).path("content");
            if (content.path("request_type").isTextual()) {
                String type = content.get("request_type").textValue();
                return content.path("method_name").isTextual() ? type + " " + content.get("method_name").textValue()
                        : type + " (" + fallback + ")";
            }
        } catch (IOException e) {
            // not an envelope we can read: the path says enough
        }
        return fallback;
    }
}
