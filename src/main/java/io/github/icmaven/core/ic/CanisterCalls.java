package io.github.icmaven.core.ic;

import io.github.icmaven.ic.Principal;

import java.util.Optional;

/** Raw-Candid calls to canisters; {@link IcCaller} sends them to a replica. */
public interface CanisterCalls {
    /** The principal calls are sent as. */
    Principal sender();

    /** An update call; returns the Candid reply bytes once the call is done. */
    byte[] update(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg) throws IcCallException;

    /** A query call; returns the Candid reply bytes. */
    byte[] query(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg) throws IcCallException;

    /**
     * A custom section of the canister's module as the certified state tree publishes it
     * ({@code /canister/<id>/metadata/<name>}, without the {@code icp:public}/{@code icp:private} prefix);
     * private sections are readable by controllers only. Empty when the module has no such section.
     */
    default Optional<byte[]> readMetadata(Principal canisterId, String name) throws IcCallException {
        throw IcCallException.protocol(canisterId, "(read_state metadata)", "this caller cannot read canister metadata", null);
    }

    /**
     * The installed module's SHA-256 from the certified state tree ({@code /canister/<id>/module_hash}); empty when
     * the canister has no code.
     */
    default Optional<byte[]> readModuleHash(Principal canisterId) throws IcCallException {
        throw IcCallException.protocol(canisterId, "(read_state module_hash)", "this caller cannot read the state tree", null);
    }
}
