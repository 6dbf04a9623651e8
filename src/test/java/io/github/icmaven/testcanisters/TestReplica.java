package io.github.icmaven.testcanisters;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.identity.LoadedIdentity;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.EmbeddedReplica;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An ephemeral embedded replica with a client signing as one identity, for a test class; and counter
 * canisters with state (heap counter, stable memory) that tests read back after a snapshot round trip.
 */
public final class TestReplica implements AutoCloseable {
    private static final BigInteger CYCLES = BigInteger.TEN.pow(13);

    private final EmbeddedReplica replica;
    private final IcCaller caller;
    private final ManagementCanisterClient client;

    private TestReplica(EmbeddedReplica replica, IcCaller caller) {
        this.replica = replica;
        this.caller = caller;
        this.client = new ManagementCanisterClient(caller);
    }

    public static TestReplica start(LoadedIdentity identity) throws IOException, IcCallException {
        EmbeddedReplica replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral());
        try {
            return new TestReplica(replica, IcCaller.connect(IcNetwork.resolve(replica.url().toString()), identity.identity()));
        } catch (IcCallException | RuntimeException e) {
            replica.close();
            throw e;
        }
    }

    public URI url() {
        return replica.url();
    }

    /** The DER-encoded root key of the replica. */
    public byte[] rootKeyDer() {
        return replica.rootKeyDer();
    }

    public IcCaller caller() {
        return caller;
    }

    public ManagementCanisterClient client() {
        return client;
    }

    /**
     * A new running counter-v1 canister whose counter was incremented {@code increments} times and whose
     * stable memory pages 1..{@code stablePages} (64 KiB each) hold the fill pattern.
     */
    public Principal counterWithState(int increments, int stablePages) throws IcCallException {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
        for (int i = 0; i < increments; i++) {
            client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        }
        client.callUpdate(canister, "fill_stable", TestCanisters.encodeNat32(stablePages));
        return canister;
    }

    public long counter(Principal canister) throws IcCallException {
        return TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty()));
    }

    public long stableChecksum(Principal canister) throws IcCallException {
        return TestCanisters.decodeNat64(client.callQuery(canister, "stable_checksum", TestCanisters.encodeEmpty()));
    }

    @Override
    public void close() throws IOException {
        caller.close();
        replica.close();
    }
}
