package io.github.icmaven.replica.state;

import io.github.icmaven.ic.Principal;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A snapshot id as the IC forms it: 8-byte big-endian per-canister counter followed by the canister
 * id bytes; shown as {@code <canister>-<counter>}.
 */
public record SnapshotId(Principal canisterId, long localId) implements Comparable<SnapshotId> {

    public byte[] bytes() {
        byte[] canister = canisterId.bytes();
        return ByteBuffer.allocate(8 + canister.length).putLong(localId).put(canister).array();
    }

    /** @throws IllegalArgumentException when the bytes cannot be a snapshot id */
    public static SnapshotId fromBytes(byte[] bytes) {
        if (bytes.length < 8 || bytes.length > 8 + 29) {
            throw new IllegalArgumentException("a snapshot id has 8 to 37 bytes, got " + bytes.length);
        }
        long local = ByteBuffer.wrap(bytes, 0, 8).getLong();
        return new SnapshotId(Principal.of(Arrays.copyOfRange(bytes, 8, bytes.length)), local);
    }

    @Override
    public int compareTo(SnapshotId o) {
        int c = canisterId.compareTo(o.canisterId);
        return c != 0 ? c : Long.compareUnsigned(localId, o.localId);
    }

    @Override
    public String toString() {
        return canisterId.toText() + "-" + Long.toUnsignedString(localId);
    }
}
