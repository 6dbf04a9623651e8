package io.github.icmaven.replica.faults;

import io.github.icmaven.ic.Principal;

/**
 * Which request a fault strikes: the {@code nth} (from 1, counted from when the fault is added) request of
 * the given kind for {@code method}, optionally only those about one canister.
 *
 * @param method a canister method: a management method such as {@code stop_canister} or a canister's own
 *     method such as {@code health}
 * @param canister the effective canister id the request must carry (for management calls the canister
 *     they are about), or null for any
 */
public record Trigger(String method, Kind kind, int nth, Principal canister) {
    /** What is counted. */
    public enum Kind {
        /** Update calls and queries of the method. */
        MESSAGE,
        /** {@code read_state} requests asking for the status of a call to the method (the client's polls). */
        POLL
    }

    public Trigger {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("a fault needs the method it strikes");
        }
        if (nth < 1) {
            throw new IllegalArgumentException("nth counts from 1, got " + nth);
        }
    }

    /** The nth update call or query of {@code method}. */
    public static Trigger call(String method, int nth) {
        return new Trigger(method, Kind.MESSAGE, nth, null);
    }

    /** The nth poll ({@code read_state} of its request status) for a call of {@code method}. */
    public static Trigger poll(String method, int nth) {
        return new Trigger(method, Kind.POLL, nth, null);
    }

    /** The same trigger, counting only requests about {@code id}. */
    public Trigger onCanister(Principal id) {
        return new Trigger(method, kind, nth, id);
    }

    boolean matches(Kind requestKind, String requestMethod, Principal effectiveCanisterId) {
        return kind == requestKind && method.equals(requestMethod)
                && (canister == null || canister.equals(effectiveCanisterId));
    }

    @Override
    public String toString() {
        return (kind == Kind.MESSAGE ? "call" : "poll") + " #" + nth + " of " + method
                + (canister == null ? "" : " on " + canister);
    }
}
