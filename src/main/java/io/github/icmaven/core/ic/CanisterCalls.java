package io.github.icmaven.core.ic;

import io.github.icmaven.ic.Principal;

/** Raw-Candid calls to canisters; {@link IcCaller} sends them to a replica. */
public interface CanisterCalls {
    /** The principal calls are sent as. */
    Principal sender();

    /** An update call; returns the Candid reply bytes once the call is done. */
    byte[] update(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg) throws IcCallException;

    /** A query call; returns the Candid reply bytes. */
    byte[] query(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg) throws IcCallException;
}
