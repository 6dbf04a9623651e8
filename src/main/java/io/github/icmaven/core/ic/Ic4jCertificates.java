package io.github.icmaven.core.ic;

import io.github.icmaven.core.ic.transport.CborBodies;
import org.ic4j.agent.certification.Certificate;

import java.io.IOException;

/**
 * Reads a certificate (CBOR) into ic4j's {@link Certificate}, as ic4j does for read_state answers, for the
 * certificates ic4j never sees: those of synchronous calls.
 */
final class Ic4jCertificates {
    private Ic4jCertificates() {}

    static Certificate decode(byte[] certificate) throws IOException {
        return CborBodies.decode(certificate, Certificate.class);
    }
}
