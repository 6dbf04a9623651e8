package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

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
        if (chunks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_UPLOADS, chunks.size()), runnable -> {
            Thread thread = new Thread(runnable, "ic-chunk-upload");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (ModuleChunks.Chunk chunk : chunks) {
                uploads.add(pool.submit(() -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        uploadOne(canister, module, chunk);
                    } catch (IcCallException | RuntimeException | Error e) {
                        failed.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            awaitAll(uploads);
        } finally {
            pool.shutdownNow();
        }
    }

    private void uploadOne(Principal canister, ModuleChunks module, ModuleChunks.Chunk chunk) throws IcCallException {
        byte[] stored = client.uploadChunk(canister, module.bytes(chunk));
        if (!Arrays.equals(stored, chunk.sha256())) {
            throw IcCallException.protocol(Principal.MANAGEMENT_CANISTER, "upload_chunk", "chunk " + chunk.index()
                    + " was stored under hash " + CanisterControl.hex(stored) + ", not its SHA-256 " + chunk.hashHex(), null);
        }
    }

    /** Waits for every upload, then throws the first failure in module order. */
    private static void awaitAll(List<Future<?>> uploads) throws IcCallException {
        Throwable first = null;
        for (Future<?> upload : uploads) {
            try {
                upload.get();
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw IcCallException.timeout(Principal.MANAGEMENT_CANISTER, "upload_chunk", "interrupted while uploading chunks");
            }
        }
        if (first instanceof IcCallException e) {
            throw e;
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
