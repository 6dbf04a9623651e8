package io.github.icmaven.core.ic.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;

/**
 * Decodes the CBOR the client reads itself (status, rejections, call certificates, envelopes for log lines)
 * with Jackson's CBOR, the decoder ic4j uses for everything else. (The embedded replica has its own codec in
 * {@code io.github.icmaven.cbor}: it must also write canonical CBOR and keep tags, which this client never needs.)
 */
public final class CborBodies {
    /** Thread-safe once configured; ic4j builds one per request, which costs more than the decoding. */
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory()).registerModule(new Jdk8Module());

    private CborBodies() {}

    /** The body as a tree: byte strings are binary nodes; an empty body is a missing node. */
    public static JsonNode tree(byte[] body) throws IOException {
        return CBOR.readTree(body);
    }

    /** The body bound to {@code type}, as ic4j binds its own answers. */
    public static <T> T decode(byte[] body, Class<T> type) throws IOException {
        return CBOR.readValue(body, type);
    }
}
