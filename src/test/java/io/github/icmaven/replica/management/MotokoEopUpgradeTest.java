package io.github.icmaven.replica.management;

import static io.github.icmaven.replica.management.Replica.ALICE;
import static io.github.icmaven.testcanisters.TestCanisters.decodeNat64;
import static io.github.icmaven.testcanisters.TestCanisters.decodeText;
import static io.github.icmaven.testcanisters.TestCanisters.encodeEmpty;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CallOutcome;
import io.github.icmaven.replica.execution.ChicoryExecutionEngine;
import io.github.icmaven.replica.management.CanisterArgs.InstallCodeArgs;
import io.github.icmaven.replica.management.CanisterArgs.ProvisionalCreateArgs;
import io.github.icmaven.replica.management.InstallMode.Upgrade;
import io.github.icmaven.replica.management.InstallMode.WasmMemoryPersistence;
import io.github.icmaven.replica.state.ReplicaState;
import io.github.icmaven.replica.state.Sha256;
import io.github.icmaven.testcanisters.TestCanisters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Motoko fixture (wasm64, enhanced orthogonal persistence, compiled by npm {@code motoko}) running
 * in the embedded replica: calls, and the IC's upgrade rules with Motoko's own runtime doing its part.
 */
class MotokoEopUpgradeTest {
    private static final byte[] V1 = motoko("counter.wasm");
    private static final byte[] V2 = motoko("counter-v2.wasm");
    /** The stable field changes type (Nat64 to Text): Motoko's runtime refuses the kept memory. */
    private static final byte[] V3_INCOMPATIBLE = motoko("counter-v3.wasm");

    private final List<String> canisterLog = new ArrayList<>();
    /** Motoko's counter never reads the root key. */
    private static final byte[] ROOT_KEY_DER = new byte[0];

    private ManagementCanister mgmt;
    private CallScheduler calls;
    private Principal id;

    @BeforeEach
    void installV1() throws IcReject {
        ReplicaState state = new ReplicaState(0, () -> 1_700_000_000_000_000_000L);
        mgmt = new ManagementCanister(state, new ChicoryExecutionEngine((canister, line) -> canisterLog.add(line),
                ROOT_KEY_DER));
        calls = Replica.withoutSystemCanisters(state);
        id = mgmt.provisionalCreateCanisterWithCycles(ALICE, ProvisionalCreateArgs.defaults()).canisterId();
        install(InstallMode.INSTALL, V1);
    }

    @Test
    void updatesAndQueriesRun() throws IcReject {
        assertEquals(1, inc());
        assertEquals(2, inc());
        assertEquals(2, get());
        assertEquals("mo-v1", version());
    }

    @Test
    void upgradeWithKeepKeepsTheCounterInMainMemory() throws IcReject {
        inc();
        inc();
        inc();

        install(Upgrade.with(WasmMemoryPersistence.KEEP), V2);

        assertEquals("mo-v2", version());
        assertEquals(3, get());
        assertEquals(4, inc());
        assertArrayEquals(Sha256.of(V2), mgmt.state().canister(id).orElseThrow().moduleHash().orElseThrow());
    }

    @Test
    void upgradeWithReplaceWipesMainMemory() throws IcReject {
        inc();
        inc();

        install(Upgrade.with(WasmMemoryPersistence.REPLACE), V2);

        assertEquals("mo-v2", version());
        assertEquals(0, get(), "replace starts from a fresh heap; the counter lived only there");
    }

    @Test
    void upgradeWithoutThePersistenceOptionIsRefused() throws IcReject {
        inc();

        IcReject reject = assertThrows(IcReject.class, () -> install(Upgrade.plain(), V2));

        assertEquals("IC0504", reject.errorCode());
        assertEquals("Missing upgrade option: Enhanced orthogonal persistence requires the `wasm_memory_persistence`"
                + " upgrade option.", reject.getMessage());
        assertEquals("mo-v1", version());
        assertEquals(1, get());
    }

    @Test
    void incompatibleStableTypeTrapsInMotokosRuntimeAndLeavesTheCanisterUnchanged() throws IcReject {
        inc();
        inc();

        IcReject reject = assertThrows(IcReject.class,
                () -> install(Upgrade.with(WasmMemoryPersistence.KEEP), V3_INCOMPATIBLE));

        assertEquals("IC0503", reject.errorCode(), reject.getMessage());
        assertTrue(reject.getMessage().contains("Memory-incompatible program upgrade"), reject.getMessage());
        assertArrayEquals(Sha256.of(V1), mgmt.state().canister(id).orElseThrow().moduleHash().orElseThrow());
        assertEquals("mo-v1", version());
        assertEquals(2, get());
        assertEquals(3, inc());
    }

    private void install(InstallMode mode, byte[] wasm) throws IcReject {
        mgmt.installCode(ALICE, new InstallCodeArgs(mode, id, wasm, encodeEmpty(), OptionalLong.empty()));
    }

    private long inc() throws IcReject {
        return decodeNat64(calls.ingress(ALICE, id, "inc", encodeEmpty()));
    }

    private long get() throws IcReject {
        return decodeNat64(reply(mgmt.callQuery(ALICE, id, "get", encodeEmpty())));
    }

    private String version() throws IcReject {
        return decodeText(reply(mgmt.callQuery(ALICE, id, "version", encodeEmpty())));
    }

    private static byte[] reply(CallOutcome outcome) {
        return assertInstanceOf(CallOutcome.Reply.class, outcome).bytes();
    }

    private static byte[] motoko(String file) {
        try {
            return Files.readAllBytes(TestCanisters.directory().resolve("motoko").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
