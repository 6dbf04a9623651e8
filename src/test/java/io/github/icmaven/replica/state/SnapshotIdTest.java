package io.github.icmaven.replica.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.icmaven.ic.Principal;
import org.junit.jupiter.api.Test;

class SnapshotIdTest {
    @Test
    void bytesAreCounterThenCanisterAndParseBack() {
        Principal canister = Principal.canisterId(5);
        SnapshotId id = new SnapshotId(canister, 258);

        byte[] bytes = id.bytes();

        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 5, 1, 1}, bytes);
        assertEquals(id, SnapshotId.fromBytes(bytes));
        assertEquals(canister.toText() + "-258", id.toString());
    }

    @Test
    void tooShortBytesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SnapshotId.fromBytes(new byte[7]));
    }
}
