package io.github.icmaven.replica.system;

import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.CandidException;
import io.github.icmaven.candid.DidFile;
import io.github.icmaven.candid.IdlType;
import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the cycles ledger of a local network (dfx and icp-cli deploy one there), serving
 * what clients ask of it to create canisters: {@code create_canister}, and {@code icrc1_balance_of}
 * answering that every account holds plenty of cycles. Canisters are created through the
 * management canister with the caller as controller unless the settings name others.
 */
public final class CyclesLedger {
    public static final Principal ID = Principal.fromText("um5iw-rqaaa-aaaaq-qaaba-cai");

    /** What every account holds: enough for any test, as a local network's faucet would give. */
    static final BigInteger BALANCE = new BigInteger("1000000000000000000");

    private static final DidFile INTERFACE = loadInterface();

    private final CanisterFactory factory;
    private final AtomicLong nextBlock = new AtomicLong();

    /** Creates canisters for the ledger. */
    public interface CanisterFactory {
        Principal create(List<Principal> controllers, BigInteger cycles) throws IcReject;
    }

    public CyclesLedger(CanisterFactory factory) {
        this.factory = factory;
    }

    public boolean isQuery(String method) {
        return method.equals("icrc1_balance_of");
    }

    public byte[] call(Principal caller, String method, byte[] arg) throws IcReject {
        IdlType.Func signature = INTERFACE.methods().get(method);
        if (signature == null) {
            throw new IcReject(RejectCode.CANISTER_ERROR, "IC0536",
                    "Error from Canister " + ID + ": Canister has no update method '" + method
                            + "'.. The embedded replica's cycles ledger serves create_canister and icrc1_balance_of only.");
        }
        List<IdlValue> args;
        try {
            args = Candid.decode(arg, signature.args());
        } catch (CandidException e) {
            throw new IcReject(RejectCode.CANISTER_ERROR, "IC0503", "Error from Canister " + ID
                    + ": Canister called `ic0.trap` with message: 'failed to decode call arguments: " + e.getMessage() + "'.");
        }
        IdlValue result = switch (method) {
            case "create_canister" -> createCanister(caller, args.get(0));
            default -> IdlValue.nat(BALANCE);
        };
        return Candid.encode(signature.results(), List.of(result));
    }

    private IdlValue createCanister(Principal caller, IdlValue args) throws IcReject {
        List<Principal> controllers = new ArrayList<>();
        Optional<IdlValue> settings = args.field("creation_args").asOpt().flatMap(c -> c.field("settings").asOpt());
        settings.flatMap(s -> s.field("controllers").asOpt())
                .ifPresent(list -> list.asVec().forEach(p -> controllers.add(p.asPrincipal())));
        if (controllers.isEmpty()) {
            controllers.add(caller);
        }
        Principal canister = factory.create(controllers, args.field("amount").asNat());
        return IdlValue.variant("Ok", IdlValue.record(
                IdlValue.field("block_id", IdlValue.nat(nextBlock.getAndIncrement())),
                IdlValue.field("canister_id", IdlValue.principal(canister))));
    }

    private static DidFile loadInterface() {
        try (InputStream in = CyclesLedger.class.getResourceAsStream("cycles-ledger.did")) {
            return DidFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
