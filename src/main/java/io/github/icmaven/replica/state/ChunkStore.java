package io.github.icmaven.replica.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A canister's wasm chunk store: chunks of at most 1 MiB keyed by their SHA-256, at most 100 MiB in
 * all. Every chunk occupies a full 1 MiB slot, as on the IC, so the store is full at 100 chunks.
 */
public final class ChunkStore {
    public static final int MAX_CHUNK_SIZE = 1024 * 1024;
    public static final long DEFAULT_CAPACITY_BYTES = 100L * 1024 * 1024;

    private final long capacityBytes;
    private final TreeMap<ChunkHash, byte[]> chunks = new TreeMap<>();

    public ChunkStore() {
        this(DEFAULT_CAPACITY_BYTES);
    }

    public ChunkStore(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Thrown when a chunk cannot be inserted; the message is the IC's chunk store text. */
    public static final class ChunkRejected extends Exception {
        ChunkRejected(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Stores {@code chunk} unless it is already there (a known chunk is accepted even when full).
     *
     * @return the chunk's hash
     */
    public ChunkHash insert(byte[] chunk) throws ChunkRejected {
        ChunkHash hash = ChunkHash.ofContent(chunk);
        if (chunks.containsKey(hash)) {
            return hash;
        }
        if (chunk.length > MAX_CHUNK_SIZE) {
            throw new ChunkRejected("Wasm chunk size " + chunk.length + " exceeds the maximum chunk size of " + MAX_CHUNK_SIZE);
        }
        if ((long) chunks.size() * MAX_CHUNK_SIZE >= capacityBytes) {
            throw new ChunkRejected("Wasm chunk store has already reached maximum capacity of " + capacityBytes + " bytes");
        }
        chunks.put(hash, chunk.clone());
        return hash;
    }

    public Optional<byte[]> get(ChunkHash hash) {
        return Optional.ofNullable(chunks.get(hash)).map(byte[]::clone);
    }

    public boolean contains(ChunkHash hash) {
        return chunks.containsKey(hash);
    }

    /** Hashes in the store's order (ascending bytes). */
    public List<ChunkHash> hashes() {
        return new ArrayList<>(chunks.keySet());
    }

    public int size() {
        return chunks.size();
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** Memory the store occupies: a full chunk slot per chunk. */
    public long memoryUsage() {
        return (long) chunks.size() * MAX_CHUNK_SIZE;
    }

    public void clear() {
        chunks.clear();
    }

    public ChunkStore copy() {
        ChunkStore copy = new ChunkStore(capacityBytes);
        for (Map.Entry<ChunkHash, byte[]> e : chunks.entrySet()) {
            copy.chunks.put(e.getKey(), e.getValue().clone());
        }
        return copy;
    }
}
