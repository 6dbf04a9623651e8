package io.github.icmaven.core.ic;

import java.util.Objects;

/**
 * {@code canister_install_mode}: install into an empty canister, reinstall (wipes state), or upgrade
 * (keeps stable memory; options {@code skip_pre_upgrade} and {@code wasm_memory_persistence}).
 */
public record InstallMode(Kind kind, boolean skipPreUpgrade, WasmMemoryPersistence wasmMemoryPersistence) {
    public enum Kind {
        INSTALL,
        REINSTALL,
        UPGRADE
    }

    public InstallMode {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(wasmMemoryPersistence, "wasmMemoryPersistence");
        if (kind != Kind.UPGRADE && (skipPreUpgrade || wasmMemoryPersistence != WasmMemoryPersistence.NONE)) {
            throw new IllegalArgumentException("skipPreUpgrade and wasmMemoryPersistence apply only to upgrades, not " + kind);
        }
    }

    public static InstallMode install() {
        return new InstallMode(Kind.INSTALL, false, WasmMemoryPersistence.NONE);
    }

    public static InstallMode reinstall() {
        return new InstallMode(Kind.REINSTALL, false, WasmMemoryPersistence.NONE);
    }

    /** A plain upgrade: run pre_upgrade, no persistence option. */
    public static InstallMode upgrade() {
        return new InstallMode(Kind.UPGRADE, false, WasmMemoryPersistence.NONE);
    }

    public static InstallMode upgrade(boolean skipPreUpgrade, WasmMemoryPersistence wasmMemoryPersistence) {
        return new InstallMode(Kind.UPGRADE, skipPreUpgrade, wasmMemoryPersistence);
    }
}
