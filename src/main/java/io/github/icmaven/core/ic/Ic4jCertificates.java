package io.github.icmaven.core.ic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import org.ic4j.agent.certification.Certificate;

import java.io.IOException;

/**
 * Reads a certificate (CBOR) into ic4j's {@link Certificate}, bound with Jackson as ic4j binds its own, for ic4j to
 * verify its signature. Only networks whose certificates are verified load this mapping: it is the slowest part of
 * a fresh JVM's first request.
 */
final class Ic4jCertificates {
    /** Thread-safe once configured. */
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory()).registerModule(new Jdk8Module());

    private Ic4jCertificates() {}

    static Certificate decode(byte[] certificate) throws IOException {
        return CBOR.readValue(certificate, Certificate.class);
    }
}
