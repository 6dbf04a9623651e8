package io.github.icmaven.replica.management;

import static io.github.icmaven.replica.management.Replica.ALICE;
import static io.github.icmaven.replica.management.Replica.BOB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.management.CanisterArgs.CanisterIdArgs;
import io.github.icmaven.replica.management.CanisterArgs.ChunkHashRecord;
import io.github.icmaven.replica.management.CanisterArgs.InstallChunkedCodeArgs;
import io.github.icmaven.replica.management.CanisterArgs.UploadChunkArgs;
import io.github.icmaven.replica.state.Sha256;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChunkedInstallTest {
    private final Replica r = new Replica();

    @Test
    void uploadReturnsSha256AndStoredChunksListsThemInHashOrder() throws IcReject {
        Principal id = r.create();
        byte[] h1 = upload(id, "part-1");
        byte[] h2 = upload(id, "part-2");

        assertArrayEquals(Sha256.of(FakeWasmModule.module("part-1")), h1);
        List<byte[]> stored = r.mgmt.storedChunks(ALICE, new CanisterIdArgs(id)).stream().map(ChunkHashRecord::hash).toList();
        assertEquals(2, stored.size());
        assertTrue(java.util.Arrays.compareUnsigned(stored.get(0), stored.get(1)) < 0);
    }

    @Test
    void chunkLargerThanOneMebibyteIsRejected() throws IcReject {
        Principal id = r.create();

        IcReject e = assertThrows(IcReject.class,
                () -> r.mgmt.uploadChunk(ALICE, new UploadChunkArgs(id, new byte[1024 * 1024 + 1])));

        assertEquals("IC0504", e.errorCode());
        assertTrue(e.getMessage().startsWith(
                "Error from Wasm chunk store: Wasm chunk size 1048577 exceeds the maximum chunk size of 1048576.\n"),
                e.getMessage());
    }

    @Test
    void installsTheConcatenationOfTheListedChunks() throws IcReject {
        Principal id = r.create();
        byte[] a = upload(id, "mod");
        byte[] b = upload(id, "ule-v1");

        r.mgmt.installChunkedCode(ALICE, chunked(id, Optional.empty(), List.of(a, b), Sha256.of(FakeWasmModule.module("module-v1"))));

        assertEquals("module-v1", ((FakeWasmModule) r.canister(id).instance().orElseThrow().module()).text());
        assertArrayEquals(Sha256.of(FakeWasmModule.module("module-v1")), r.canister(id).moduleHash().orElseThrow());
    }

    @Test
    void hashMismatchIsRejectedAndNothingInstalled() throws IcReject {
        Principal id = r.create();
        byte[] a = upload(id, "module-v1");

        IcReject e = assertThrows(IcReject.class,
                () -> r.mgmt.installChunkedCode(ALICE, chunked(id, Optional.empty(), List.of(a), new byte[32])));

        assertEquals("IC0504", e.errorCode());
        assertTrue(e.getMessage().startsWith("Error from Wasm chunk store: Wasm module hash ["), e.getMessage());
        assertTrue(r.canister(id).instance().isEmpty());
    }

    @Test
    void missingChunkIsRejected() throws IcReject {
        Principal id = r.create();
        byte[] unknown = Sha256.of(new byte[] {42});

        IcReject e = assertThrows(IcReject.class,
                () -> r.mgmt.installChunkedCode(ALICE, chunked(id, Optional.empty(), List.of(unknown), unknown)));

        assertEquals("IC0504", e.errorCode());
        assertTrue(e.getMessage().startsWith("Error from Wasm chunk store: Chunk hash [" + (unknown[0] & 0xff) + ", "),
                e.getMessage());
        assertTrue(e.getMessage().contains("] was not found.\n"), e.getMessage());
    }

    @Test
    void storeCanisterMustBeControlledByTheCaller() throws IcReject {
        Principal target = r.create();
        Principal store = r.create();
        byte[] a = upload(store, "module-v1");
        byte[] hash = Sha256.of(FakeWasmModule.module("module-v1"));

        r.mgmt.installChunkedCode(ALICE, chunked(target, Optional.of(store), List.of(a), hash));
        assertTrue(r.canister(target).instance().isPresent());

        Principal bobsTarget = r.mgmt.provisionalCreateCanisterWithCycles(BOB,
                CanisterArgs.ProvisionalCreateArgs.defaults()).canisterId();
        IcReject e = assertThrows(IcReject.class,
                () -> r.mgmt.installChunkedCode(BOB, chunked(bobsTarget, Optional.of(store), List.of(a), hash)));
        assertEquals("IC0512", e.errorCode());
        assertTrue(e.getMessage().contains("canister " + store + " can control it"), e.getMessage());
    }

    @Test
    void clearChunkStoreEmptiesIt() throws IcReject {
        Principal id = r.create();
        upload(id, "x");

        r.mgmt.clearChunkStore(ALICE, new CanisterIdArgs(id));

        assertTrue(r.mgmt.storedChunks(ALICE, new CanisterIdArgs(id)).isEmpty());
    }

    private byte[] upload(Principal id, String text) throws IcReject {
        return r.mgmt.uploadChunk(ALICE, new UploadChunkArgs(id, FakeWasmModule.module(text))).hash();
    }

    private static InstallChunkedCodeArgs chunked(Principal target, Optional<Principal> store, List<byte[]> hashes, byte[] hash) {
        return new InstallChunkedCodeArgs(InstallMode.INSTALL, target, store, hashes, hash, new byte[0], OptionalLong.empty());
    }
}
