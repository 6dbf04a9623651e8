package io.github.icmaven.replica.management;

import java.util.Optional;

/** The candid {@code canister_install_mode}. */
public sealed interface InstallMode {
    enum WasmMemoryPersistence { KEEP, REPLACE }

    record Install() implements InstallMode {}

    record Reinstall() implements InstallMode {}

    /** {@code upgrade : opt record { skip_pre_upgrade : opt bool; wasm_memory_persistence : opt variant {keep; replace} }}. */
    record Upgrade(Optional<Boolean> skipPreUpgrade, Optional<WasmMemoryPersistence> wasmMemoryPersistence)
            implements InstallMode {
        public static Upgrade plain() {
            return new Upgrade(Optional.empty(), Optional.empty());
        }

        public static Upgrade with(WasmMemoryPersistence persistence) {
            return new Upgrade(Optional.empty(), Optional.of(persistence));
        }
    }

    InstallMode INSTALL = new Install();
    InstallMode REINSTALL = new Reinstall();
}
