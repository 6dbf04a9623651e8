package io.github.icmaven.it;

import io.github.icmaven.core.backup.BackupDirectory;
import io.github.icmaven.core.backup.CountingCalls;
import io.github.icmaven.core.backup.SnapshotDownloader;
import io.github.icmaven.core.backup.TransferListener;
import io.github.icmaven.core.ic.CanisterCalls;
import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotMetadata;
import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.ic.identity.LoadedIdentity;
import io.github.icmaven.core.json.Json;
import io.github.icmaven.core.upgrade.UpgradeJournal;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.Topology;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestIdentities;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The invoker ITs' view of their canister, used from setup.groovy and verify.groovy: prepares a
 * canister in the replica state directory an IT build then starts with {@code ic:replica-start}, and
 * reads the canister back from the state the build saved.
 */
public final class ItCanister {
    /** Canister ids are allocated from index 0: the IT canister always has this id. */
    public static final String CANISTER_ID = Principal.canisterId(0).toText();

    private final Path basedir;
    private final Topology topology;

    private ItCanister(Path basedir, Topology topology) {
        this.basedir = basedir;
        this.topology = topology;
    }

    public static ItCanister of(File basedir) {
        return new ItCanister(basedir.toPath(), Topology.SINGLE);
    }

    /**
     * For an IT whose build starts the replica with {@code <topology>mainnet</topology>}: the state is
     * opened in that topology (same subnets, kept in the state directory) and every certificate read
     * here is verified against the replica's root key, pinned.
     */
    public static ItCanister mainnet(File basedir) {
        return new ItCanister(basedir.toPath(), Topology.MAINNET);
    }

    public Path stateDirectory() {
        return basedir.resolve("target/replica-state");
    }

    /** A new Ed25519 identity written to {@code <basedir>/<name>}, for the build's {@code <pemFile>}. */
    public Path writeIdentity(String name) throws Exception {
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        Path pem = basedir.resolve(name);
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n");
        return pem;
    }

    /**
     * Writes {@code identity.pem}'s key again, encrypted with {@code passphrase}, to {@code <basedir>/<name>}:
     * the controller's key as a settings.xml server would hold it.
     */
    public Path writeEncryptedIdentity(String name, String passphrase) throws Exception {
        String plain = Files.readString(basedir.resolve("identity.pem"));
        byte[] der = Base64.getMimeDecoder().decode(plain.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        Path pem = basedir.resolve(name);
        Files.writeString(pem, TestIdentities.encryptedPkcs8(key, passphrase.toCharArray()));
        return pem;
    }

    /**
     * Creates the canister controlled by {@code identity.pem}, installs {@code wasm}, calls {@code inc}
     * {@code increments} times (executable modules only), then takes {@code snapshots} snapshots
     * (stopping the canister meanwhile). Leaves it running.
     */
    public void prepare(File wasm, int increments, int snapshots) throws Exception {
        Path identity = writeIdentity("identity.pem");
        withClient(identity, client -> {
            Principal canister = create(client, 0, wasm, increments);
            if (snapshots > 0) {
                client.stopCanister(canister);
                for (int i = 0; i < snapshots; i++) {
                    client.takeCanisterSnapshot(canister, Optional.empty());
                }
                client.startCanister(canister);
            }
            return null;
        });
    }

    /** The id of the {@code index}-th canister created in the IT's replica (ids are allocated in order). */
    public static String canisterId(int index) {
        return Principal.canisterId(index).toText();
    }

    /** Creates one running canister per counter value, all with {@code wasm}: ids {@code canisterId(0..n-1)}. */
    public void prepareGroup(File wasm, List<Integer> counters) throws Exception {
        Path identity = writeIdentity("identity.pem");
        withClient(identity, client -> {
            for (int i = 0; i < counters.size(); i++) {
                create(client, i, wasm, counters.get(i));
            }
            return null;
        });
    }

    /**
     * Leaves the IT canister as a build killed just as it began installing {@code newWasm} would: stopped,
     * snapshotted, still on its old module, and the build's journal in {@code target/ic}.
     */
    public void simulateBuildKilledBeforeInstall(File newWasm) throws Exception {
        withClient(basedir.resolve("identity.pem"), client -> {
            Principal canister = Principal.fromText(CANISTER_ID);
            String hashBefore = client.canisterStatus(canister).moduleHashHex().orElseThrow();
            client.stopCanister(canister);
            String snapshot = client.takeCanisterSnapshot(canister, Optional.empty()).textId();
            UpgradeJournal.Entry entry = new UpgradeJournal.Entry(CANISTER_ID, CANISTER_ID, CanisterRunStatus.RUNNING,
                    hashBefore, sha256Hex(newWasm), snapshot, "install", true, null);
            new UpgradeJournal(basedir.resolve("target/ic")).write(new UpgradeJournal.Contents(Instant.now(), "local",
                    UpgradeJournal.Phase.CHANGE, List.of(entry)));
            return null;
        });
    }

    private static Principal create(ManagementCanisterClient client, int index, File wasm, int increments) throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.empty(), Optional.empty(), List.of());
        if (!canister.toText().equals(canisterId(index))) {
            throw new IllegalStateException("expected canister " + canisterId(index) + ", got " + canister);
        }
        client.installCode(canister, InstallMode.install(), Files.readAllBytes(wasm.toPath()), TestCanisters.encodeEmpty());
        for (int i = 0; i < increments; i++) {
            client.callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        }
        return canister;
    }

    /** Calls {@code inc} {@code times} times, e.g. to change memory after a snapshot was taken. */
    public void increment(int times) throws Exception {
        withClient(basedir.resolve("identity.pem"), client -> {
            for (int i = 0; i < times; i++) {
                client.callUpdate(Principal.fromText(CANISTER_ID), "inc", TestCanisters.encodeEmpty());
            }
            return null;
        });
    }

    /** Grows stable memory to {@code 1 + pages} pages of 64 KiB, pages 1.. holding counter-v1's fill pattern. */
    public void fillStable(int pages) throws Exception {
        withClient(basedir.resolve("identity.pem"), client -> {
            client.callUpdate(Principal.fromText(CANISTER_ID), "fill_stable", TestCanisters.encodeNat32(pages));
            return null;
        });
    }

    /** Takes a snapshot, stopping the canister meanwhile; returns its id ({@code <canister>-<n>}). */
    public String takeSnapshot() throws Exception {
        return withClient(basedir.resolve("identity.pem"), client -> {
            Principal canister = Principal.fromText(CANISTER_ID);
            client.stopCanister(canister);
            SnapshotId id = client.takeCanisterSnapshot(canister, Optional.empty()).id();
            client.startCanister(canister);
            return id.toText();
        });
    }

    /** The checksum of the canister's stable memory (counter-v1's {@code stable_checksum} query). */
    public long stableChecksum() throws Exception {
        return withClient(basedir.resolve("identity.pem"), client -> TestCanisters.decodeNat64(
                client.callQuery(Principal.fromText(CANISTER_ID), "stable_checksum", TestCanisters.encodeEmpty())));
    }

    /** Downloads snapshot {@code snapshotId} into {@code directory}, as ic:download-snapshot does. */
    public void downloadSnapshot(String snapshotId, File directory) throws Exception {
        withCalls(basedir.resolve("identity.pem"), calls -> new SnapshotDownloader(new ManagementCanisterClient(calls))
                .download(Principal.fromText(CANISTER_ID), SnapshotId.fromText(snapshotId), directory.toPath()));
    }

    /**
     * Starts downloading snapshot {@code snapshotId} into {@code directory}, one slice at a time, and drops the
     * connection after {@code slices} slices: the directory is left as an interrupted download leaves it.
     */
    public void interruptedDownload(String snapshotId, File directory, int slices) throws Exception {
        withCalls(basedir.resolve("identity.pem"), calls -> {
            ManagementCanisterClient dropping = new ManagementCanisterClient(
                    CountingCalls.failingAfter(calls, "read_canister_snapshot_data", slices));
            try {
                new SnapshotDownloader(dropping, 1, TransferListener.NONE)
                        .download(Principal.fromText(CANISTER_ID), SnapshotId.fromText(snapshotId), directory.toPath());
            } catch (IcCallException dropped) {
                return null;
            }
            throw new IllegalStateException("the download finished: the snapshot has no more than " + slices + " slices");
        });
    }

    /**
     * Checks a backup directory as ic:upload-snapshot does (sizes, chunk hashes, manifest.sha256) and reads
     * what a user would compare: the module's hash, the counter in its wasm memory, the stable memory size.
     */
    public static Backup verifiedBackup(File directory) throws Exception {
        SnapshotMetadata metadata = new BackupDirectory(directory.toPath()).verify();
        return new Backup(sha256Hex(new File(directory, "wasm_module.bin")),
                TestCanisters.counterInWasmMemory(directory.toPath().resolve("wasm_memory.bin")), metadata.stableMemorySize());
    }

    /** What a backup holds, in the terms {@link Inspection} uses for the canister. */
    public record Backup(String moduleHash, long counter, long stableMemoryBytes) {}

    /** Writes counter-v2 grown past the 2 MiB ingress limit to {@code <basedir>/target/big.wasm}. */
    public File writeLargeModule(File canistersDir) throws IOException {
        byte[] v2 = Files.readAllBytes(canistersDir.toPath().resolve("counter-v2.wasm"));
        Path big = basedir.resolve("target/big.wasm");
        Files.createDirectories(big.getParent());
        Files.write(big, TestCanisters.withPadding(v2, 2_600_000));
        return big.toFile();
    }

    /** The canister as the build left it, read from the saved replica state. */
    public Inspection inspect() throws Exception {
        return inspect(CANISTER_ID);
    }

    /** One of the group's canisters as the build left it. */
    public Inspection inspect(String canisterId) throws Exception {
        return withClient(basedir.resolve("identity.pem"), client -> {
            Principal canister = Principal.fromText(canisterId);
            CanisterStatus status = client.canisterStatus(canister);
            Long counter = null;
            if (status.status() == CanisterRunStatus.RUNNING && status.hasCode()) {
                counter = TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty()));
            }
            return new Inspection(status.status().name(), status.moduleHashHex().orElse("none"), counter,
                    client.listCanisterSnapshots(canister).size());
        });
    }

    /**
     * Fails unless the canister is exactly as {@link #prepare} left it with counter-v1, three increments
     * and no snapshot: for builds that must change nothing.
     */
    public void assertUntouched(File canistersDir) throws Exception {
        Inspection seen = inspect();
        Inspection expected = new Inspection("RUNNING", sha256Hex(new File(canistersDir, "counter-v1.wasm")), 3L, 0);
        if (!seen.equals(expected)) {
            throw new AssertionError("the canister changed: expected " + expected + ", found " + seen);
        }
    }

    /** The build's latest run report for the IT canister, {@code target/ic/upgrade-<id>-latest.json}. */
    public Report report() throws IOException {
        return report("upgrade-" + CANISTER_ID);
    }

    /**
     * The build's latest run report {@code target/ic/<stem>-latest.json}: {@code upgrade-<id>}, a group's
     * {@code upgrade-<id>+<id>...} or {@code recover}.
     */
    @SuppressWarnings("unchecked")
    public Report report(String stem) throws IOException {
        Map<String, Object> run = (Map<String, Object>) Json.parse(
                Files.readString(basedir.resolve("target/ic/" + stem + "-latest.json")));
        List<List<String>> steps = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (Map<String, Object> canister : (List<Map<String, Object>>) run.get("canisters")) {
            outcomes.add((String) canister.get("outcome"));
            steps.add(((List<Map<String, Object>>) canister.get("steps")).stream()
                    .map(step -> step.get("name") + "=" + step.get("status")).toList());
        }
        return new Report((String) run.get("outcome"), (String) run.get("message"), outcomes, steps);
    }

    /**
     * What a run report tells the user: the run's outcome and message, and per canister (in order) its outcome
     * and its steps as {@code name=STATUS}.
     */
    public record Report(String outcome, String message, List<String> canisterOutcomes, List<List<String>> canisterSteps) {
        /** The steps of the first (or only) canister. */
        public List<String> steps() {
            return canisterSteps.get(0);
        }
    }

    /**
     * Writes {@code wasm} to {@code <basedir>/target/<fileName>}, as a wasm build would leave it there (gzipped
     * when the name ends with {@code .gz}); returns the file.
     */
    public File writeBuiltModule(File wasm, String fileName) throws IOException {
        Path built = basedir.resolve("target").resolve(fileName);
        Files.createDirectories(built.getParent());
        byte[] module = Files.readAllBytes(wasm.toPath());
        if (fileName.endsWith(".gz")) {
            ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
                out.write(module);
            }
            module = gzipped.toByteArray();
        }
        Files.write(built, module);
        return built.toFile();
    }

    /** The log of the IT's build. */
    public String buildLog() throws IOException {
        return Files.readString(basedir.resolve("build.log"));
    }

    public static String sha256Hex(File file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file.toPath())));
    }

    /** What a user would check after a deploy: run status, module hash, memory (the counter), snapshots. */
    public record Inspection(String status, String moduleHash, Long counter, int snapshots) {}

    private interface ClientAction<T> {
        T run(ManagementCanisterClient client) throws Exception;
    }

    private interface CallsAction<T> {
        T run(CanisterCalls calls) throws Exception;
    }

    private <T> T withClient(Path identityPem, ClientAction<T> action) throws Exception {
        return withCalls(identityPem, calls -> action.run(new ManagementCanisterClient(calls)));
    }

    private <T> T withCalls(Path identityPem, CallsAction<T> action) throws Exception {
        LoadedIdentity identity = new IdentityLoader(basedir).fromPemFile(identityPem);
        EmbeddedReplica.Config config = new EmbeddedReplica.Config("127.0.0.1", 0, stateDirectory(), null)
                .withTopology(topology);
        try (EmbeddedReplica replica = EmbeddedReplica.start(config);
             IcCaller caller = IcCaller.connect(network(replica), identity.identity())) {
            return action.run(caller);
        }
    }

    private IcNetwork network(EmbeddedReplica replica) {
        IcNetwork network = IcNetwork.resolve(replica.url().toString());
        return topology == Topology.MAINNET
                ? network.withPinnedRootKey(HexFormat.of().parseHex(replica.rootKeyHex())) : network;
    }
}
