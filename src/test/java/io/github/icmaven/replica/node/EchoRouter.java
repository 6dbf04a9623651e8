package io.github.icmaven.replica.node;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A router with one canister, {@link #ECHO}, that replies with its argument; method "fail" rejects as a
 * trap would; other canisters are refused at ingress. For testing the HTTP interface and clients
 * without executing wasm.
 */
public final class EchoRouter implements MessageRouter {
    public static final Principal ECHO = Principal.canisterId(7);

    @Override
    public Optional<Principal> effectiveCanisterId(Principal canisterId, String method, byte[] arg) {
        return Optional.of(canisterId);
    }

    @Override
    public void acceptIngress(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        if (!canisterId.equals(ECHO)) {
            throw new IcReject(RejectCode.DESTINATION_INVALID, "IC0301", "Canister " + canisterId + " not found");
        }
    }

    @Override
    public byte[] update(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        if (method.equals("fail")) {
            throw new IcReject(RejectCode.CANISTER_ERROR, "IC0503", "Error from Canister " + ECHO + ": trapped");
        }
        return arg;
    }

    @Override
    public byte[] query(Principal caller, Principal canisterId, String method, byte[] arg, DataCertifier certifier)
            throws IcReject {
        acceptIngress(caller, canisterId, method, arg);
        return update(caller, canisterId, method, arg);
    }

    @Override
    public List<CanisterView> canisters() {
        return List.of(new CanisterView(ECHO, List.of(Principal.ANONYMOUS), Optional.of(new byte[32]),
                Map.of("candid:service", "service : {}".getBytes(StandardCharsets.UTF_8)), Map.of(),
                new byte[0], OptionalLong.of(1L), OptionalLong.of(2L)));
    }
}
