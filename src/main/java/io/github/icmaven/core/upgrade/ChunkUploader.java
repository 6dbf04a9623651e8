package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.ParallelTransfers;
import io.github.icmaven.ic.Principal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Uploads chunks to a canister's chunk store, several at a time: each upload waits for its own consensus
 * round, so sending them one after another would make a large module take one round per MiB. At most
 * {@link #PARALLEL_UPLOADS} are in flight, and a chunk's bytes are copied only when its upload starts, so
 * memory stays at a few MiB per upload beside the module itself.
 */
final class ChunkUploader {
    /** Enough to keep a link busy across round trips without flooding the replica (Juno sends 12). */
    static final int PARALLEL_UPLOADS = 8;

    private final ManagementCanisterClient client;

    ChunkUploader(ManagementCanisterClient client) {
        this.client = client;
    }

    /**
     * Uploads every chunk; returns once all are stored. On the first failure no further upload starts, the
     * ones in flight are waited for (so that none lands after the caller clears the store), and that failure
     * is thrown.
     */
    void upload(Principal canister, ModuleChunks module, Collection<ModuleChunks.Chunk> chunks) throws IcCallException {
        List<ParallelTransfers.Transfer> uploads = chunks.stream()
                .<ParallelTransfers.Transfer>map(chunk -> () -> uploadOne(canister, module, chunk))
                .toList();
        try {
            ParallelTransfers.runAll(uploads, PARALLEL_UPLOADS, "ic-chunk-upload");
        } catch (IOException e) {
            // Only an interruption: the uploads themselves fail with IcCallException.
            throw IcCallException.timeout(Principal.MANAGEMENT_CANISTER, "upload_chunk", e.getMessage());
        }
    }

    private void uploadOne(Principal canister, ModuleChunks module, ModuleChunks.Chunk chunk) throws IcCallException {
        byte[] stored = client.uploadChunk(canister, module.bytes(chunk));
        if (!Arrays.equals(stored, chunk.sha256())) {
            throw IcCallException.protocol(Principal.MANAGEMENT_CANISTER, "upload_chunk", "chunk " + chunk.index()
                    + " was stored under hash " + CanisterControl.hex(stored) + ", not its SHA-256 " + chunk.hashHex(), null);
        }
    }
}
