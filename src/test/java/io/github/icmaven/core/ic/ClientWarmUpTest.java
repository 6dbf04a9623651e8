package io.github.icmaven.core.ic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** The warm-up swallows its failures in production; here it must run through, or it warms nothing. */
class ClientWarmUpTest {
    @Test
    void serializesAnEnvelopeAndDecodesACertificateAsIc4jDoes() {
        assertDoesNotThrow(ClientWarmUp::warmUp);
    }
}
