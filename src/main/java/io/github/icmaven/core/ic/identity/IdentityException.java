package io.github.icmaven.core.ic.identity;

/** An identity could not be loaded. The message says why and where, and never contains key material. */
public final class IdentityException extends Exception {
    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
