package io.github.icmaven.replica.execution.wasm64;

/** A wasm64 module the lowering cannot turn into wasm32 (or a malformed one), described in words. */
public final class LoweringException extends RuntimeException {
    LoweringException(String message) {
        super(message, null, false, false);
    }
}
