package io.github.icmaven.replica.state;

import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte SHA-256 hash used as a key; ordered like the IC orders its chunk store (unsigned bytes). */
public final class ChunkHash implements Comparable<ChunkHash> {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private ChunkHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless {@code bytes} has 32 bytes */
    public static ChunkHash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a chunk hash has 32 bytes, got " + bytes.length);
        }
        return new ChunkHash(bytes.clone());
    }

    public static ChunkHash ofContent(byte[] content) {
        return new ChunkHash(Sha256.of(content));
    }

    public static ChunkHash fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public int compareTo(ChunkHash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkHash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
