package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Installs a module in one message when it fits, else through the canister's chunk store: 1 MiB chunks,
 * reusing chunks already stored, then {@code install_chunked_code}, then the chunk store is cleared.
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
        return (module.bytes().length + ManagementCanisterClient.MAX_CHUNK_BYTES - 1) / ManagementCanisterClient.MAX_CHUNK_BYTES;
    }

    /** @return a summary of how the module was sent */
    String install(Principal canister, InstallMode mode, WasmModule module, byte[] arg) throws IcCallException {
        if (!needsChunks(module, arg)) {
            client.installCode(canister, mode, module.bytes(), arg);
            return module.bytes().length + " bytes in one message";
        }
        try {
            Set<String> stored = new HashSet<>();
            for (byte[] hash : client.storedChunks(canister)) {
                stored.add(CanisterControl.hex(hash));
            }
            List<byte[]> hashes = new ArrayList<>();
            int reused = 0;
            byte[] bytes = module.bytes();
            for (int offset = 0; offset < bytes.length; offset += ManagementCanisterClient.MAX_CHUNK_BYTES) {
                byte[] chunk = Arrays.copyOfRange(bytes, offset,
                        Math.min(bytes.length, offset + ManagementCanisterClient.MAX_CHUNK_BYTES));
                byte[] hash = WasmModule.sha256(chunk);
                if (stored.contains(CanisterControl.hex(hash))) {
                    reused++;
                } else {
                    hash = client.uploadChunk(canister, chunk);
                }
                hashes.add(hash);
            }
            client.installChunkedCode(canister, Optional.empty(), mode, hashes, module.sha256(), arg);
            return bytes.length + " bytes in " + hashes.size() + " chunks (" + reused + " already stored)";
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
