package io.github.icmaven.replica.node;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import java.util.List;
import java.util.Optional;

/**
 * Executes messages: the management canister, built-in system canisters and user canisters. The
 * replica core decides what is accepted and records results; this decides what a message does.
 */
public interface MessageRouter {

    /**
     * The effective canister id a message to {@code canisterId} must be sent with, or empty when any
     * is accepted (canister creation).
     *
     * @throws IcReject when the argument does not name a canister (a management method without one)
     */
    Optional<Principal> effectiveCanisterId(Principal canisterId, String method, byte[] arg) throws IcReject;

    /**
     * The checks the replica does before a call enters its state (canister exists, is running, has a
     * module; management caller is a controller). A failure here is a non-replicated rejection.
     */
    void acceptIngress(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject;

    /**
     * Executes an update call.
     *
     * @return the reply bytes
     * @throws IcReject the reject, with code, IC error code and message
     */
    byte[] update(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject;

    /**
     * Executes a query call; nothing it does is kept.
     *
     * @param certifier gives the data certificate of the target canister ({@code ic0.data_certificate_copy})
     */
    byte[] query(Principal caller, Principal canisterId, String method, byte[] arg, DataCertifier certifier)
            throws IcReject;

    /**
     * Signs a certificate of {@code /canister/<id>/certified_data} and {@code /time} from the current
     * state, as a non-replicated query's {@code ic0.data_certificate_copy} gets it.
     */
    @FunctionalInterface
    interface DataCertifier {
        byte[] certify(Principal canisterId);
    }

    /** The canisters as the state tree shows them. */
    List<CanisterView> canisters();
}
