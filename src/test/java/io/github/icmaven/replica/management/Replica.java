package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CanisterState;
import io.github.icmaven.replica.management.CanisterArgs.CanisterIdArgs;
import io.github.icmaven.replica.management.CanisterArgs.InstallCodeArgs;
import io.github.icmaven.replica.management.CanisterArgs.ProvisionalCreateArgs;
import io.github.icmaven.replica.state.Canister;
import io.github.icmaven.replica.state.ReplicaState;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** A management canister over a fake engine and a settable clock, with shorthands for tests. */
public final class Replica {
    public static final Principal ALICE = Principal.of(new byte[] {1, 1, 1, 2});
    public static final Principal BOB = Principal.of(new byte[] {2, 2, 2, 2});

    public final AtomicLong clock = new AtomicLong(1_700_000_000_000_000_000L);
    public final FakeEngine engine = new FakeEngine();
    public final ReplicaState state = new ReplicaState(0, clock::get);
    public final ManagementCanister mgmt = new ManagementCanister(state, engine, FakeWasmModule::decode);
    /** Runs update calls as the replica does; these tests have no system canisters to call. */
    public final CallScheduler calls = withoutSystemCanisters(state);

    /** A scheduler for tests that call no system canister (cycles ledger). */
    static CallScheduler withoutSystemCanisters(ReplicaState state) {
        return new CallScheduler(state, new CallScheduler.SystemCanisters() {
            @Override
            public boolean hosts(Principal canisterId) {
                return false;
            }

            @Override
            public Optional<Principal> targetCanister(String method, byte[] arg) {
                return Optional.empty();
            }

            @Override
            public byte[] call(Principal caller, Principal canisterId, String method, byte[] arg) {
                throw new AssertionError("no system canisters here");
            }
        });
    }

    /** A canister created by ALICE (its only controller). */
    public Principal create() throws IcReject {
        return mgmt.provisionalCreateCanisterWithCycles(ALICE, ProvisionalCreateArgs.defaults()).canisterId();
    }

    /** A canister created by ALICE with module {@code text} installed. */
    public Principal createWith(String text) throws IcReject {
        Principal id = create();
        install(id, InstallMode.INSTALL, text);
        return id;
    }

    public void install(Principal id, InstallMode mode, String text) throws IcReject {
        mgmt.installCode(ALICE, new InstallCodeArgs(mode, id, FakeWasmModule.module(text), new byte[0], OptionalLong.empty()));
    }

    public void update(Principal id, String method, String arg) throws IcReject {
        calls.ingress(ALICE, id, method, arg.getBytes(StandardCharsets.UTF_8));
    }

    public void stop(Principal id) throws IcReject {
        mgmt.stopCanister(ALICE, new CanisterIdArgs(id));
    }

    public Canister canister(Principal id) {
        return state.canister(id).orElseThrow();
    }

    public CanisterState instanceState(Principal id) {
        return canister(id).instance().orElseThrow().state();
    }

    public String heapPrefix(Principal id, int length) {
        return new String(instanceState(id).wasmMemory(), 0, length, StandardCharsets.UTF_8);
    }
}
