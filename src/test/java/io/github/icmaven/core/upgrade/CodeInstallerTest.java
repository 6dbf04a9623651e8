package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterCalls;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestIdentities;
import io.github.icmaven.testcanisters.WasmCustomSections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chunked installs against the embedded replica, with the calls the installer makes recorded: stored chunks
 * are reused, uploads may finish in any order, and a failed upload fails the install before anything is
 * installed.
 */
@Timeout(120)
class CodeInstallerTest {
    private static final int MIB = 1024 * 1024;

    private static EmbeddedReplica replica;
    private static IcCaller caller;
    private static ManagementCanisterClient client;

    @BeforeAll
    static void startReplica() throws Exception {
        replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral());
        caller = IcCaller.connect(IcNetwork.resolve(replica.url().toString()), TestIdentities.newEd25519().identity());
        client = new ManagementCanisterClient(caller);
    }

    @AfterAll
    static void stopReplica() throws Exception {
        if (caller != null) {
            caller.close();
        }
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void chunksAlreadyStoredAreNotUploadedAgain() throws Exception {
        Principal canister = counterV1Canister();
        WasmModule module = module(TestCanisters.withPadding(TestCanisters.counterV2(), 4 * MIB));
        ModuleChunks chunks = ModuleChunks.of(module.bytes());
        // What an interrupted earlier attempt left behind: the first two chunks.
        client.uploadChunk(canister, chunks.bytes(chunks.chunks().get(0)));
        client.uploadChunk(canister, chunks.bytes(chunks.chunks().get(1)));
        RecordingCalls calls = new RecordingCalls();

        String summary = installer(calls).install(canister, InstallMode.upgrade(), module, TestCanisters.encodeEmpty());

        assertEquals(5, chunks.chunks().size());
        assertEquals(3, calls.count("upload_chunk"), calls.methods.toString());
        assertTrue(summary.contains("3 uploaded") && summary.contains("2 already stored"), summary);
        assertInstalled(canister, module);
    }

    @Test
    void aRepeatedChunkIsUploadedOnce() throws Exception {
        Principal canister = counterV1Canister();
        // Zeros from the second MiB on: chunks 1 and 2 are the same.
        WasmModule module = module(WasmCustomSections.append(TestCanisters.counterV2(), "zeros", new byte[3 * MIB]));
        RecordingCalls calls = new RecordingCalls();

        String summary = installer(calls).install(canister, InstallMode.upgrade(), module, TestCanisters.encodeEmpty());

        assertEquals(4, CodeInstaller.chunkCount(module));
        assertEquals(3, calls.count("upload_chunk"), calls.methods.toString());
        assertTrue(summary.contains("1 repeated"), summary);
        assertInstalled(canister, module);
    }

    @Test
    void uploadsMayFinishInAnyOrder() throws Exception {
        Principal canister = counterV1Canister();
        WasmModule module = module(TestCanisters.withPadding(TestCanisters.counterV2(), 3 * MIB));
        int uploads = CodeInstaller.chunkCount(module);
        RecordingCalls calls = new RecordingCalls();
        calls.firstUploadWaitsForTheOthers(uploads - 1);

        installer(calls).install(canister, InstallMode.upgrade(), module, TestCanisters.encodeEmpty());

        assertEquals(uploads, calls.count("upload_chunk"));
        assertEquals("upload_chunk", calls.uploadsReturned.get(uploads - 1), "the first upload returned last");
        assertInstalled(canister, module);
    }

    @Test
    void aFailedUploadFailsTheInstallAndLeavesTheOldModule() throws Exception {
        Principal canister = counterV1Canister();
        WasmModule module = module(TestCanisters.withPadding(TestCanisters.counterV2(), 4 * MIB));
        RecordingCalls calls = new RecordingCalls();
        IcCallException failure = IcCallException.network(canister, "upload_chunk", "connection reset", null);
        calls.failUpload(2, failure);

        IcCallException thrown = assertThrows(IcCallException.class, () ->
                installer(calls).install(canister, InstallMode.upgrade(), module, TestCanisters.encodeEmpty()));

        assertSame(failure, thrown);
        assertEquals(0, calls.count("install_chunked_code"));
        assertEquals("clear_chunk_store", calls.methods.get(calls.methods.size() - 1), "cleared after every upload ended");
        assertTrue(client.storedChunks(canister).isEmpty());
        assertEquals(CanisterControl.hex(WasmModule.sha256(TestCanisters.counterV1())),
                CanisterControl.hex(client.canisterStatus(canister).moduleHash().orElseThrow()));
    }

    private static void assertInstalled(Principal canister, WasmModule module) throws IcCallException {
        assertEquals(module.sha256Hex(), CanisterControl.hex(client.canisterStatus(canister).moduleHash().orElseThrow()));
        assertTrue(client.storedChunks(canister).isEmpty(), "the chunk store is cleared");
        assertFalse(client.callQuery(canister, "version", TestCanisters.encodeEmpty()).length == 0);
    }

    private static CodeInstaller installer(RecordingCalls calls) {
        return new CodeInstaller(new ManagementCanisterClient(calls), UpgradeListener.SILENT);
    }

    private static WasmModule module(byte[] bytes) {
        return new WasmModule(null, bytes, WasmModule.sha256(bytes), false);
    }

    private static Principal counterV1Canister() throws IcCallException {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(BigInteger.TEN.pow(13)),
                Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
        return canister;
    }

    /** The real caller, recording the management methods called; it can hold back or fail an upload. */
    private static final class RecordingCalls implements CanisterCalls {
        final List<String> methods = Collections.synchronizedList(new ArrayList<>());
        final List<String> uploadsReturned = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger uploadsStarted = new AtomicInteger();
        private volatile CountDownLatch othersReturned;
        private volatile int failingUpload;
        private volatile IcCallException failure;

        void firstUploadWaitsForTheOthers(int others) {
            othersReturned = new CountDownLatch(others);
        }

        void failUpload(int number, IcCallException e) {
            failingUpload = number;
            failure = e;
        }

        int count(String method) {
            synchronized (methods) {
                return (int) methods.stream().filter(method::equals).count();
            }
        }

        @Override
        public Principal sender() {
            return caller.sender();
        }

        @Override
        public byte[] update(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
                throws IcCallException {
            methods.add(method);
            if (!method.equals("upload_chunk")) {
                return caller.update(canisterId, effectiveCanisterId, method, arg);
            }
            int number = uploadsStarted.incrementAndGet();
            if (number == failingUpload) {
                throw failure;
            }
            if (number == 1 && othersReturned != null) {
                awaitOthers();
            }
            byte[] reply = caller.update(canisterId, effectiveCanisterId, method, arg);
            uploadsReturned.add(number == 1 ? "upload_chunk" : "upload_chunk " + number);
            if (number != 1 && othersReturned != null) {
                othersReturned.countDown();
            }
            return reply;
        }

        private void awaitOthers() throws IcCallException {
            try {
                if (!othersReturned.await(60, TimeUnit.SECONDS)) {
                    throw IcCallException.timeout(Principal.MANAGEMENT_CANISTER, "upload_chunk",
                            "the other uploads did not return while the first waited: they are not sent in parallel");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw IcCallException.timeout(Principal.MANAGEMENT_CANISTER, "upload_chunk", "interrupted");
            }
        }

        @Override
        public byte[] query(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
                throws IcCallException {
            return caller.query(canisterId, effectiveCanisterId, method, arg);
        }
    }
}
