package io.github.icmaven.core.ic;

/** The parts of a snapshot that {@code read/upload_canister_snapshot_data} move in slices. */
public enum SnapshotDataKind {
    WASM_MODULE("wasm_module"),
    WASM_MEMORY("wasm_memory"),
    STABLE_MEMORY("stable_memory");

    private final String candidName;

    SnapshotDataKind(String candidName) {
        this.candidName = candidName;
    }

    String candidName() {
        return candidName;
    }
}
