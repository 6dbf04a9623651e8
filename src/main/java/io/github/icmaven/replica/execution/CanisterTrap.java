package io.github.icmaven.replica.execution;

/**
 * Thrown by System API host functions to end a message the way the IC would: an explicit
 * {@code ic0.trap}, a System API contract violation, or a runtime trap. Unchecked because it has to
 * travel through Chicory's interpreter.
 */
final class CanisterTrap extends RuntimeException {
    enum Kind { CALLED_TRAP, CONTRACT_VIOLATION, TRAPPED, UNSUPPORTED }

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

    /**
     * The canister used a System API function the embedded replica does not implement; the message
     * names the function ({@code ic0.<name>}) and, when the function exists but one use of it is
     * missing, that use.
     */
    static CanisterTrap unsupported(String function, String use) {
        return new CanisterTrap(Kind.UNSUPPORTED, "ic0." + function + use);
    }

    Kind kind() {
        return kind;
    }
}
