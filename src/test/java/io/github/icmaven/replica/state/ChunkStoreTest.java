package io.github.icmaven.replica.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkStoreTest {
    @Test
    void fullStoreRefusesNewChunksButAcceptsKnownOnes() throws Exception {
        ChunkStore store = new ChunkStore(2L * ChunkStore.MAX_CHUNK_SIZE);
        store.insert(new byte[] {1});
        store.insert(new byte[] {2});

        store.insert(new byte[] {1});
        ChunkStore.ChunkRejected e = assertThrows(ChunkStore.ChunkRejected.class, () -> store.insert(new byte[] {3}));

        assertEquals("Wasm chunk store has already reached maximum capacity of 2097152 bytes", e.getMessage());
        assertEquals(2, store.size());
    }

    @Test
    void defaultCapacityIsOneHundredChunks() throws Exception {
        ChunkStore store = new ChunkStore();
        for (int i = 0; i < 100; i++) {
            store.insert(new byte[] {(byte) i});
        }

        assertThrows(ChunkStore.ChunkRejected.class, () -> store.insert(new byte[] {(byte) 200}));
    }

    @Test
    void chunkOfExactlyOneMebibyteIsAccepted() throws Exception {
        new ChunkStore().insert(new byte[ChunkStore.MAX_CHUNK_SIZE]);
    }

    @Test
    void hashesAreListedInAscendingByteOrder() throws Exception {
        ChunkStore store = new ChunkStore();
        for (int i = 0; i < 20; i++) {
            store.insert(new byte[] {(byte) i});
        }

        List<ChunkHash> hashes = store.hashes();

        for (int i = 1; i < hashes.size(); i++) {
            assertEquals(-1, Integer.signum(Arrays.compareUnsigned(hashes.get(i - 1).bytes(), hashes.get(i).bytes())));
        }
    }

    @Test
    void copyIsIndependent() throws Exception {
        ChunkStore store = new ChunkStore();
        store.insert(new byte[] {1});
        ChunkStore copy = store.copy();

        store.clear();

        assertEquals(1, copy.size());
    }
}
