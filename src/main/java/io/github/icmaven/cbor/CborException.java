package io.github.icmaven.cbor;

/** Malformed CBOR input, or a value the encoder cannot represent. */
public final class CborException extends RuntimeException {
    public CborException(String message) {
        super(message);
    }
}
