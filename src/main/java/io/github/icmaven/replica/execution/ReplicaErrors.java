package io.github.icmaven.replica.execution;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;

/** The replica's error texts (as a current IC replica words them), so clients see familiar messages. */
public final class ReplicaErrors {
    private static final String DOCS = "https://internetcomputer.org/docs/current/references/execution-errors";
    private static final String HANDLE_FAILURES =
            "Consider gracefully handling failures from this canister or altering the canister to handle exceptions.";

    private ReplicaErrors() {}

    /** IC0503: the canister called ic0.trap. */
    static IcReject calledTrap(Principal canister, String message) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0503",
                fromCanister(canister) + "Canister called `ic0.trap` with message: '" + message + "'.\n"
                        + HANDLE_FAILURES + " See documentation: " + DOCS + "#trapped-explicitly");
    }

    /** IC0502: the wasm code trapped (unreachable, out-of-bounds access, division by zero...). */
    static IcReject trapped(Principal canister, String what) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0502",
                fromCanister(canister) + "Canister trapped: " + what + ".\n"
                        + HANDLE_FAILURES + " See documentation: " + DOCS + "#trapped");
    }

    /** IC0504: the canister broke a System API rule (e.g. replied twice). */
    static IcReject contractViolation(Principal canister, String description) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0504",
                fromCanister(canister) + "Canister violated contract: " + description + ".\n"
                        + "This is likely an error with the compiler/CDK toolchain being used to build the canister."
                        + " Please report the error to IC devs on the forum: https://forum.dfinity.org"
                        + " and include which language/CDK was used to create the canister.");
    }

    /**
     * IC0505 (the IC's code for a module using an import the system does not provide): the canister
     * called a System API function the embedded replica lacks. Not the IC's "report to IC devs"
     * text: the canister is fine, the replica is limited.
     */
    static IcReject unsupportedSystemApi(Principal canister, String function) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0505",
                fromCanister(canister) + "Canister uses " + function + ", which the embedded replica does not"
                        + " implement (a limit of ic-maven-plugin's replica, not of your canister).");
    }

    /** IC0536: no exported method of that kind and name. {@code kind} is update, query or composite_query. */
    static IcReject methodNotFound(Principal canister, String kind, String method) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0536",
                fromCanister(canister) + "Canister has no " + kind + " method '" + method + "'..\n"
                        + "Check that the method being called is exported by the target canister."
                        + " See documentation: " + DOCS + "#method-not-found");
    }

    /** IC0506: the method (and every callback of its call context) returned without replying or rejecting. */
    public static IcReject didNotReply(Principal canister) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0506",
                "Canister " + canister + " did not produce a response");
    }

    /** IC0505: the module cannot be decoded or validated. The caller may prefix "Error from Canister <id>: ". */
    static IcReject invalidWasm(String detail) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0505", "Canister's Wasm module is not valid: " + detail);
    }

    /** IC0504-style reject for wasm64 modules the lowering could not handle, installed opaque, that code is asked to run. */
    static IcReject notExecutable(Principal canister, String entryPoint, String reason) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0504",
                fromCanister(canister) + "The embedded replica cannot execute this wasm64 (memory64) module ("
                        + reason + "): the module is installed opaque (its memory, metadata and hash are kept) but "
                        + entryPoint + " cannot run. Use a real replica to call this canister.");
    }

    /** What the IC reports when code ends abnormally: a host-side {@link CanisterTrap} or a Chicory trap. */
    static IcReject fromFailure(Throwable failure, Principal canister) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CanisterTrap trap) {
                return switch (trap.kind()) {
                    case CALLED_TRAP -> calledTrap(canister, trap.getMessage());
                    case CONTRACT_VIOLATION -> contractViolation(canister, trap.getMessage());
                    case TRAPPED -> trapped(canister, trap.getMessage());
                    case UNSUPPORTED -> unsupportedSystemApi(canister, trap.getMessage());
                };
            }
            if (t instanceof StackOverflowError) {
                return trapped(canister, "stack overflow");
            }
            if (t instanceof OutOfMemoryError) {
                return trapped(canister, "the embedded replica ran out of JVM memory");
            }
        }
        return trapped(canister, describeWasmTrap(failure));
    }

    private static String describeWasmTrap(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause().getMessage() != null) {
            innermost = innermost.getCause();
        }
        String message = String.valueOf(innermost.getMessage());
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("unreachable")) {
            return "unreachable";
        }
        if (lower.contains("out of bounds memory")) {
            return "heap out of bounds";
        }
        if (lower.contains("divide by zero")) {
            return "integer division by 0";
        }
        if (lower.contains("call stack exhausted")) {
            return "stack overflow";
        }
        if (lower.contains("out of bounds table") || lower.contains("undefined element")
                || lower.contains("uninitialized element")) {
            return "table out of bounds";
        }
        return message;
    }

    private static String fromCanister(Principal canister) {
        return canister == null ? "" : "Error from Canister " + canister + ": ";
    }
}
