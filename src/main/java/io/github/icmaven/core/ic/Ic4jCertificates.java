package io.github.icmaven.core.ic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import org.ic4j.agent.certification.Certificate;

import java.io.IOException;

/**
 * Reads a certificate (CBOR) into ic4j's {@link Certificate}, as ic4j does for read_state answers, for the
 * certificates ic4j never sees: those of synchronous calls.
 */
final class Ic4jCertificates {
    /** Thread-safe once configured; ic4j builds one per request, which costs more than the decoding. */
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory()).registerModule(new Jdk8Module());

    private Ic4jCertificates() {}

    static Certificate decode(byte[] certificate) throws IOException {
        return CBOR.readValue(certificate, Certificate.class);
    }
}
