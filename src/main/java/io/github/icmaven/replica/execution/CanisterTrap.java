package io.github.icmaven.replica.execution;

/**
 * Thrown by System API host functions to end a message the way the IC would: an explicit
 * {@code ic0.trap}, a System API contract violation, or a runtime trap. Unchecked because it has to
 * travel through Chicory's interpreter.
 */
final class CanisterTrap extends RuntimeException {
    enum Kind { CALLED_TRAP, CONTRACT_VIOLATION, TRAPPED }

    private final Kind kind;

    private CanisterTrap(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static CanisterTrap calledTrap(String message) {
        return new CanisterTrap(Kind.CALLED_TRAP, message);
    }

    static CanisterTrap contractViolation(String description) {
        return new CanisterTrap(Kind.CONTRACT_VIOLATION, description);
    }

    static CanisterTrap trapped(String what) {
        return new CanisterTrap(Kind.TRAPPED, what);
    }

    Kind kind() {
        return kind;
    }
}
