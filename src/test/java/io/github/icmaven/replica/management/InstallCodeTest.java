package io.github.icmaven.replica.management;

import static io.github.icmaven.replica.management.Replica.ALICE;
import static io.github.icmaven.replica.management.Replica.BOB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.management.CanisterArgs.CanisterIdArgs;
import io.github.icmaven.replica.management.CanisterArgs.InstallCodeArgs;
import io.github.icmaven.replica.management.CanisterArgs.UninstallCodeArgs;
import io.github.icmaven.replica.management.InstallMode.Upgrade;
import io.github.icmaven.replica.management.InstallMode.WasmMemoryPersistence;
import io.github.icmaven.replica.state.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InstallCodeTest {
    private final Replica r = new Replica();

    @Test
    void installSetsModuleHashOfBytesAsSentAndBumpsVersion() throws IcReject {
        Principal id = r.createWith("module-v1");

        assertArrayEquals(Sha256.of(FakeWasmModule.module("module-v1")),
                r.mgmt.canisterStatus(ALICE, new CanisterIdArgs(id)).moduleHash().orElseThrow());
        assertEquals(1, r.canister(id).version());
        // init already sees the version the installation produces
        assertEquals(1, r.engine.lastContext.canisterVersion());
    }

    @Test
    void installOnANonEmptyCanisterIsRefused() throws IcReject {
        Principal id = r.createWith("m1");

        IcReject e = assertThrows(IcReject.class, () -> r.install(id, InstallMode.INSTALL, "m2"));

        assertEquals("IC0514", e.errorCode());
        assertTrue(e.getMessage().startsWith("Canister " + id
                + " cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead.\n"),
                e.getMessage());
        assertEquals("m1", moduleText(id));
    }

    @Test
    void reinstallReplacesCodeAndWipesMemory() throws IcReject {
        Principal id = r.createWith("m1");
        r.update(id, "set_heap", "old");
        r.update(id, "set_stable", "old");

        r.install(id, InstallMode.REINSTALL, "m2");

        assertEquals("m2", moduleText(id));
        assertEquals(0, r.instanceState(id).stableMemory().length);
        assertEquals(0, r.instanceState(id).wasmMemory()[0]);
    }

    @Test
    void upgradeKeepsStableMemoryAndPassesOptions() throws IcReject {
        Principal id = r.createWith("m1");
        r.update(id, "set_stable", "kept");

        r.install(id, new Upgrade(Optional.of(true), Optional.empty()), "m2");

        assertEquals("m2", moduleText(id));
        assertEquals("kept", new String(r.instanceState(id).stableMemory(), 0, 4, StandardCharsets.UTF_8));
        assertTrue(r.engine.lastUpgradeOptions.skipPreUpgrade());
        assertFalse(r.engine.lastUpgradeOptions.keepWasmMemory());
    }

    @Test
    void trapInPostUpgradeLeavesTheCanisterAsItWas() throws IcReject {
        Principal id = r.createWith("m1");
        r.update(id, "set_heap", "live");
        long version = r.canister(id).version();

        IcReject e = assertThrows(IcReject.class, () -> r.install(id, Upgrade.plain(), "m2 trap-post-upgrade"));

        assertEquals("IC0503", e.errorCode());
        assertEquals("m1", moduleText(id));
        assertEquals("live", r.heapPrefix(id, 4));
        assertEquals(version, r.canister(id).version());
    }

    @Test
    void trapInInitInstallsNothing() throws IcReject {
        Principal id = r.create();

        assertThrows(IcReject.class, () -> r.mgmt.installCode(ALICE, new InstallCodeArgs(InstallMode.INSTALL, id,
                FakeWasmModule.module("m1"), "trap-init".getBytes(StandardCharsets.UTF_8), OptionalLong.empty())));

        assertTrue(r.canister(id).instance().isEmpty());
        assertEquals(0, r.canister(id).version());
    }

    @Test
    void upgradeOfAnEmptyCanisterIsIc0537() throws IcReject {
        Principal id = r.create();

        IcReject e = assertThrows(IcReject.class, () -> r.install(id, Upgrade.plain(), "m1"));

        assertEquals("IC0537", e.errorCode());
    }

    @Test
    void invalidModuleIsRejectedByTheDecoder() throws IcReject {
        Principal id = r.create();

        IcReject e = assertThrows(IcReject.class, () -> r.install(id, InstallMode.INSTALL, "BAD"));

        assertEquals("IC0505", e.errorCode());
        assertTrue(r.canister(id).instance().isEmpty());
    }

    @Test
    void onlyControllersInstall() throws IcReject {
        Principal id = r.create();

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.installCode(BOB, new InstallCodeArgs(InstallMode.INSTALL,
                id, FakeWasmModule.module("m1"), new byte[0], OptionalLong.empty())));

        assertEquals("IC0512", e.errorCode());
    }

    @Test
    void installWorksOnAStoppedCanister() throws IcReject {
        Principal id = r.createWith("m1");
        r.stop(id);

        r.install(id, Upgrade.plain(), "m2");

        assertEquals("m2", moduleText(id));
    }

    @Test
    void eopCanisterMustNameTheMemoryPersistence() throws IcReject {
        Principal id = r.createWith("eop-v1");

        IcReject e = assertThrows(IcReject.class, () -> r.install(id, Upgrade.plain(), "eop-v2"));

        assertEquals("IC0504", e.errorCode());
        assertEquals("Missing upgrade option: Enhanced orthogonal persistence requires the `wasm_memory_persistence` upgrade option.",
                e.getMessage());
        assertEquals("eop-v1", moduleText(id));
    }

    @Test
    void keepRequiresTheNewModuleToSupportEop() throws IcReject {
        Principal id = r.createWith("eop-v1");

        IcReject e = assertThrows(IcReject.class,
                () -> r.install(id, Upgrade.with(WasmMemoryPersistence.KEEP), "classic-v2"));

        assertEquals("IC0504", e.errorCode());
        assertEquals("Invalid upgrade option: The `wasm_memory_persistence: opt Keep` upgrade option requires that the new "
                + "canister module supports enhanced orthogonal persistence.", e.getMessage());
    }

    @Test
    void keepCarriesTheHeapAndReplaceDropsIt() throws IcReject {
        Principal id = r.createWith("eop-v1");
        r.update(id, "set_heap", "heap");

        r.install(id, Upgrade.with(WasmMemoryPersistence.KEEP), "eop-v2");
        assertTrue(r.engine.lastUpgradeOptions.keepWasmMemory());
        assertEquals("heap", r.heapPrefix(id, 4));

        r.install(id, Upgrade.with(WasmMemoryPersistence.REPLACE), "classic-v3");
        assertFalse(r.engine.lastUpgradeOptions.keepWasmMemory());
        assertEquals(0, r.instanceState(id).wasmMemory()[0]);
    }

    @Test
    void classicCanisterUpgradesWithoutOptions() throws IcReject {
        Principal id = r.createWith("classic-v1");

        r.install(id, Upgrade.plain(), "eop-v2");

        assertEquals("eop-v2", moduleText(id));
    }

    @Test
    void uninstallDropsCodeAndChunksAndBumpsVersion() throws IcReject {
        Principal id = r.createWith("m1");
        r.mgmt.uploadChunk(ALICE, new CanisterArgs.UploadChunkArgs(id, new byte[] {1}));
        long version = r.canister(id).version();

        r.mgmt.uninstallCode(ALICE, new UninstallCodeArgs(id, OptionalLong.empty()));

        assertTrue(r.mgmt.canisterStatus(ALICE, new CanisterIdArgs(id)).moduleHash().isEmpty());
        assertEquals(0, r.canister(id).chunkStore().size());
        assertEquals(version + 1, r.canister(id).version());
    }

    private String moduleText(Principal id) {
        return ((FakeWasmModule) r.canister(id).instance().orElseThrow().module()).text();
    }
}
