package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Installs a module in one message when it fits, else through the canister's chunk store: 1 MiB chunks,
 * those already stored (same SHA-256) reused, the others uploaded in parallel ({@link ChunkUploader}), then
 * {@code install_chunked_code}, then the chunk store is cleared.
 */
final class CodeInstaller {
    /**
     * Above this (module plus argument) the module goes in chunks: the IC's 2 MiB ingress limit counts the
     * whole signed envelope, so leave room for it (Juno uses the same threshold).
     */
    static final int SINGLE_MESSAGE_LIMIT = 2_000_000;

    private final ManagementCanisterClient client;
    private final UpgradeListener listener;

    CodeInstaller(ManagementCanisterClient client, UpgradeListener listener) {
        this.client = client;
        this.listener = listener;
    }

    static boolean needsChunks(WasmModule module, byte[] arg) {
        return (long) module.bytes().length + arg.length > SINGLE_MESSAGE_LIMIT;
    }

    static int chunkCount(WasmModule module) {
        return ModuleChunks.count(module.bytes().length);
    }

    /** @return a summary of how the module was sent */
    String install(Principal canister, InstallMode mode, WasmModule module, byte[] arg) throws IcCallException {
        if (!needsChunks(module, arg)) {
            client.installCode(canister, mode, module.bytes(), arg);
            return module.bytes().length + " bytes in one message";
        }
        try {
            ModuleChunks chunks = ModuleChunks.of(module.bytes());
            Set<String> stored = new HashSet<>();
            for (byte[] hash : client.storedChunks(canister)) {
                stored.add(CanisterControl.hex(hash));
            }
            // A module may repeat a chunk (zero-filled data): upload each distinct one once.
            Map<String, ModuleChunks.Chunk> missing = new LinkedHashMap<>();
            int reused = 0;
            for (ModuleChunks.Chunk chunk : chunks.chunks()) {
                if (stored.contains(chunk.hashHex())) {
                    reused++;
                } else {
                    missing.putIfAbsent(chunk.hashHex(), chunk);
                }
            }
            new ChunkUploader(client).upload(canister, chunks, missing.values());
            client.installChunkedCode(canister, Optional.empty(), mode, chunks.hashes(), module.sha256(), arg);
            int repeated = chunks.chunks().size() - reused - missing.size();
            return module.bytes().length + " bytes in " + chunks.chunks().size() + " chunks: " + missing.size()
                    + " uploaded (up to " + ChunkUploader.PARALLEL_UPLOADS + " at a time), " + reused + " already stored"
                    + (repeated > 0 ? ", " + repeated + " repeated" : "");
        } finally {
            clearChunkStore(canister);
        }
    }

    private void clearChunkStore(Principal canister) {
        try {
            client.clearChunkStore(canister);
        } catch (IcCallException e) {
            // The install's own outcome matters more; leftover chunks only take space.
            listener.warn("Could not clear the chunk store of " + canister + ": " + CandidInput.oneLine(e.getMessage()));
        }
    }
}
