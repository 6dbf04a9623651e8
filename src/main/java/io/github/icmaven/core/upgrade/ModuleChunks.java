package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.ManagementCanisterClient;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A module cut into the chunks {@code upload_chunk} takes (1 MiB, the IC's limit), each with its SHA-256.
 * The chunks are views on the module's bytes: a chunk is copied only when it is sent.
 */
final class ModuleChunks {
    /** One chunk: where it lies in the module and its hash. */
    record Chunk(int index, int offset, int length, byte[] sha256) {
        String hashHex() {
            return HexFormat.of().formatHex(sha256);
        }
    }

    private final byte[] module;
    private final List<Chunk> chunks;

    private ModuleChunks(byte[] module, List<Chunk> chunks) {
        this.module = module;
        this.chunks = chunks;
    }

    static ModuleChunks of(byte[] module) {
        List<Chunk> chunks = new ArrayList<>();
        MessageDigest sha256 = sha256();
        int size = ManagementCanisterClient.MAX_CHUNK_BYTES;
        for (int offset = 0, index = 0; offset < module.length; offset += size, index++) {
            int length = Math.min(size, module.length - offset);
            sha256.update(module, offset, length);
            chunks.add(new Chunk(index, offset, length, sha256.digest()));
        }
        return new ModuleChunks(module, List.copyOf(chunks));
    }

    static int count(int moduleBytes) {
        return (moduleBytes + ManagementCanisterClient.MAX_CHUNK_BYTES - 1) / ManagementCanisterClient.MAX_CHUNK_BYTES;
    }

    /** In module order: the order {@code install_chunked_code} needs their hashes in. */
    List<Chunk> chunks() {
        return chunks;
    }

    List<byte[]> hashes() {
        return chunks.stream().map(Chunk::sha256).toList();
    }

    /** A copy of the chunk's bytes, as the upload sends them. */
    byte[] bytes(Chunk chunk) {
        return Arrays.copyOfRange(module, chunk.offset(), chunk.offset() + chunk.length());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
