package io.github.icmaven.core.ic;

import java.time.Instant;

/**
 * A canister snapshot as {@code take_canister_snapshot} and {@code list_canister_snapshots} report it.
 *
 * @param totalSize bytes the snapshot occupies
 */
public record SnapshotInfo(SnapshotId id, Instant takenAt, long totalSize) {
    /** The id's bytes, as the management canister takes them. */
    public byte[] idBytes() {
        return id.bytes();
    }

    /** The id as text, {@code <canister>-<counter>}. */
    public String textId() {
        return id.toText();
    }
}
