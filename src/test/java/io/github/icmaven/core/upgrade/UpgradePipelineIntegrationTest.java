package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.json.Json;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.testcanisters.TestCanisters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upgrade pipeline against the embedded replica, judged by what the user would see or lose: the
 * module hash, the counter (canister memory), whether the canister runs, and its snapshots. One replica for
 * the class, a fresh canister per test.
 */
@Timeout(180)
class UpgradePipelineIntegrationTest {
    private static final BigInteger CYCLES = BigInteger.TEN.pow(13);
    private static final Path MOTOKO = TestCanisters.directory().resolve("motoko");

    private static EmbeddedReplica replica;
    private static IcCaller controllerCaller;
    private static ManagementCanisterClient client;
    private static Path pemFile;
    private static Path strangerPemFile;

    @TempDir
    Path temp;

    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void startReplica(@TempDir Path keys) throws Exception {
        replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral());
        pemFile = keys.resolve("controller.pem");
        Files.writeString(pemFile, newPem());
        strangerPemFile = keys.resolve("stranger.pem");
        Files.writeString(strangerPemFile, newPem());
        IdentityLoader loader = new IdentityLoader(keys);
        controllerCaller = IcCaller.connect(IcNetwork.resolve(replica.url().toString()), loader.fromPemFile(pemFile).identity());
        client = new ManagementCanisterClient(controllerCaller);
    }

    @AfterAll
    static void stopReplica() throws Exception {
        if (controllerCaller != null) {
            controllerCaller.close();
        }
        if (replica != null) {
            replica.close();
        }
    }

    // ---- the good path ----

    @Test
    void upgradeKeepsTheCounterChangesTheModuleAndTheCanisterRuns() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        inc(canister);
        String v1Version = version(canister);

        UpgradeResult result = run(config(canister, TestCanisters.counterV2Path())
                .toBuilder().healthCheck(new HealthCheckConfig("health", null, "(\"ok\")", true, Duration.ofSeconds(10))).build());

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(hex(TestCanisters.counterV2()), moduleHash(canister));
        assertEquals(2, get(canister));
        assertNotEquals(v1Version, version(canister));
        assertEquals(CanisterRunStatus.RUNNING, status(canister).status());
        assertEquals(hex(TestCanisters.counterV1()), result.moduleHashBefore());
        assertEquals(hex(TestCanisters.counterV2()), result.moduleHashAfter());
        assertEquals("Upgraded " + canister + " from " + result.moduleHashBefore() + " to " + result.moduleHashAfter(),
                result.message());
        assertTrue(listener.infos.contains(result.message()));
        assertEquals(List.of(result.snapshotId()), snapshotIds(canister));
        assertEquals(List.of("preflight", "stop", "snapshot", "install", "start", "verify", "health-check"), stepNames(result));
        assertTrue(result.steps().stream().allMatch(s -> s.status() == StepStatus.OK), result.steps().toString());
    }

    @Test
    void chunkedInstallOfAModuleAboveTheIngressLimit() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        byte[] big = TestCanisters.withPadding(TestCanisters.counterV2(), 2_500_000);
        Path bigFile = temp.resolve("big.wasm");
        Files.write(bigFile, big);

        UpgradeResult result = run(config(canister, bigFile));

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(hex(big), moduleHash(canister));
        assertEquals(1, get(canister));
        assertTrue(client.storedChunks(canister).isEmpty(), "the chunk store is cleared after the install");
        assertTrue(step(result, "install").message().contains("3 chunks"), step(result, "install").message());
    }

    @Test
    void gzippedModuleIsSentAsIsAndItsHashIsTheHashOfTheGzipBytes() throws Exception {
        Principal canister = counterV1Canister();
        Path gz = temp.resolve("counter-v2.wasm.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(TestCanisters.counterV2());
        }
        UpgradeResult result = run(config(canister, gz));
        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(hex(Files.readAllBytes(gz)), moduleHash(canister));
    }

    @Test
    void motokoCanisterWithEnhancedOrthogonalPersistenceIsUpgradedWithKeep() throws Exception {
        byte[] v1 = Files.readAllBytes(MOTOKO.resolve("counter.wasm"));
        Principal canister = motokoCanister(v1, 2);

        UpgradeResult result = run(config(canister, MOTOKO.resolve("counter-v2.wasm")));

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(hex(Files.readAllBytes(MOTOKO.resolve("counter-v2.wasm"))), moduleHash(canister));
        assertEquals(2, get(canister), "keep carried Motoko's main memory (its only copy of the counter)");
        assertEquals("mo-v2", version(canister));
        assertTrue(listener.infos.stream().anyMatch(l -> l.contains("enhanced orthogonal persistence")), listener.infos.toString());
        assertTrue(step(result, "install").message().contains("wasm_memory_persistence keep"), step(result, "install").message());
    }

    @Test
    void motokoUpgradeWithPersistenceReplaceAndAllowMemoryWipeWipesMainMemory() throws Exception {
        // Explicit "replace" (allowed to wipe) overrides the automatic keep: the IC accepts it and Motoko starts from a fresh heap.
        Principal canister = motokoCanister(Files.readAllBytes(MOTOKO.resolve("counter.wasm")), 1);
        UpgradeConfig c = config(canister, MOTOKO.resolve("counter-v2.wasm"));
        c = c.toBuilder().wasmMemoryPersistence(PersistenceChoice.REPLACE).allowMemoryWipe(true).build();
        UpgradeResult result = run(c);
        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertTrue(step(result, "install").message().contains("wasm_memory_persistence replace"),
                step(result, "install").message());
        assertEquals(0, get(canister), "replace dropped the counter with the old heap");
    }

    @Test
    void incompatibleMotokoUpgradeTrapsInItsRuntimeAndIsRestored() throws Exception {
        byte[] v1 = Files.readAllBytes(MOTOKO.resolve("counter.wasm"));
        Principal canister = motokoCanister(v1, 2);

        // The stable-variable check would refuse v3 before any change; skipped, Motoko's runtime gets to trap.
        UpgradeResult result = run(config(canister, MOTOKO.resolve("counter-v3.wasm")).toBuilder()
                .stableCheck(CheckMode.SKIP).build());

        assertEquals(UpgradeOutcome.RESTORED, result.outcome(), result.message());
        assertTrue(step(result, "install").message().contains("Memory-incompatible program upgrade"),
                step(result, "install").message());
        assertEquals(hex(v1), moduleHash(canister));
        assertEquals(CanisterRunStatus.RUNNING, status(canister).status());
        assertEquals(2, get(canister));
    }

    @Test
    void stoppedCanisterStaysStopped() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        client.stopCanister(canister);

        UpgradeResult result = run(config(canister, TestCanisters.counterV2Path()));

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(CanisterRunStatus.STOPPED, status(canister).status());
        assertEquals(hex(TestCanisters.counterV2()), moduleHash(canister));
        assertEquals(StepStatus.SKIPPED, step(result, "start").status());
        client.startCanister(canister);
        assertEquals(1, get(canister));
    }

    // ---- failures and rollback ----

    @Test
    void trappingPostUpgradeIsRestoredFromTheSnapshot() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        inc(canister);
        inc(canister);

        UpgradeResult result = run(config(canister, TestCanisters.counterV2TrapPostUpgradePath()));

        assertEquals(UpgradeOutcome.RESTORED, result.outcome(), result.message());
        assertTrue(result.message().contains("restored from snapshot " + result.snapshotId()), result.message());
        assertTrue(result.message().contains("failed at install"), result.message());
        assertV1Untouched(canister, 3);
        assertEquals(hex(TestCanisters.counterV1()), result.moduleHashAfter());
        assertEquals(StepStatus.FAILED, step(result, "install").status());
        assertEquals(StepStatus.OK, step(result, "restore").status());
    }

    @Test
    void badHealthIsRestoredFromTheSnapshot() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);

        UpgradeResult result = run(config(canister, TestCanisters.counterV2BadHealthPath())
                .toBuilder().healthCheck(new HealthCheckConfig("health", "()", "(\"ok\")", true, Duration.ofSeconds(5))).build());

        assertEquals(UpgradeOutcome.RESTORED, result.outcome(), result.message());
        assertTrue(result.message().contains("restored from snapshot " + result.snapshotId()), result.message());
        assertTrue(result.message().contains("\"broken\""), result.message());
        assertV1Untouched(canister, 1);
    }

    @Test
    void healthCheckAsUpdateCallWithHexExpectation() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        // inc after the upgrade returns 2: expected given as the hex of (2 : nat64)
        String expected = HexFormat.of().formatHex(TestCanisters.encodeNat64(2));
        UpgradeResult result = run(config(canister, TestCanisters.counterV2Path())
                .toBuilder().healthCheck(new HealthCheckConfig("inc", null, expected, false, Duration.ofSeconds(5))).build());
        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
    }

    @Test
    void failureWithoutSnapshotSaysNothingCouldBeRestored() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);

        UpgradeResult result = run(config(canister, TestCanisters.counterV2TrapPostUpgradePath())
                .toBuilder().skipSnapshot(true).build());

        assertEquals(UpgradeOutcome.FAILED_NOT_RESTORED, result.outcome(), result.message());
        assertTrue(result.message().contains("nothing could be restored"), result.message());
        assertNull(result.snapshotId());
        assertTrue(snapshotIds(canister).isEmpty());
        // The IC rolls a trapping upgrade back by itself, and we restart the canister as found.
        assertV1Untouched(canister, 1);
        assertTrue(listener.warnings.stream().anyMatch(w -> w.contains("nothing can be restored")), listener.warnings.toString());
    }

    @Test
    void badHealthWithoutSnapshotLeavesTheNewModuleAndSaysSo() throws Exception {
        Principal canister = counterV1Canister();
        UpgradeResult result = run(config(canister, TestCanisters.counterV2BadHealthPath())
                .toBuilder().skipSnapshot(true)
                .healthCheck(new HealthCheckConfig("health", null, "(\"ok\")", true, Duration.ofSeconds(2))).build());
        assertEquals(UpgradeOutcome.FAILED_NOT_RESTORED, result.outcome(), result.message());
        assertTrue(result.message().contains("nothing could be restored"), result.message());
        assertEquals(hex(TestCanisters.counterV2BadHealth()), moduleHash(canister));
        assertEquals(CanisterRunStatus.RUNNING, status(canister).status());
    }

    // ---- snapshot policy ----

    @Test
    void defaultSnapshotReplacesTheNewestSoThereIsOneAcrossUpgrades() throws Exception {
        Principal canister = counterV1Canister();
        UpgradeResult first = run(config(canister, TestCanisters.counterV2Path()));
        assertEquals(UpgradeOutcome.UPGRADED, first.outcome(), first.message());
        UpgradeResult second = run(config(canister, TestCanisters.counterV1Path()));
        assertEquals(UpgradeOutcome.UPGRADED, second.outcome(), second.message());

        assertEquals(List.of(second.snapshotId()), snapshotIds(canister));
        assertNotEquals(first.snapshotId(), second.snapshotId());
        assertTrue(step(second, "snapshot").message().contains("replacing " + first.snapshotId()),
                step(second, "snapshot").message());
    }

    @Test
    void noOverwriteTakesAnAdditionalSnapshotWhenThereIsRoom() throws Exception {
        Principal canister = counterV1Canister();
        UpgradeResult first = run(config(canister, TestCanisters.counterV2Path()));
        UpgradeResult second = run(config(canister, TestCanisters.counterV1Path()).toBuilder().noOverwrite(true).build());

        assertEquals(UpgradeOutcome.UPGRADED, second.outcome(), second.message());
        assertEquals(List.of(first.snapshotId(), second.snapshotId()), snapshotIds(canister));
    }

    @Test
    void noOverwriteAtTheLimitRefusesBeforeAnyChange() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        client.stopCanister(canister);
        for (int i = 0; i < 10; i++) {
            client.takeCanisterSnapshot(canister, Optional.empty());
        }
        client.startCanister(canister);
        List<String> before = snapshotIds(canister);

        UpgradeResult result = run(config(canister, TestCanisters.counterV2Path()).toBuilder().noOverwrite(true).build());

        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertTrue(result.message().contains("snapshot limit"), result.message());
        for (String id : before) {
            assertTrue(result.message().contains(id), result.message());
        }
        assertEquals(before, snapshotIds(canister));
        assertV1Untouched(canister, 1);
        assertEquals(List.of("preflight"), stepNames(result));
    }

    // ---- unchanged, force, dry run ----

    @Test
    void unchangedModuleIsSkippedUnlessForced() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);

        UpgradeResult unchanged = run(config(canister, TestCanisters.counterV1Path()));
        assertEquals(UpgradeOutcome.UNCHANGED, unchanged.outcome(), unchanged.message());
        assertTrue(unchanged.message().contains("already runs this module"), unchanged.message());
        assertTrue(snapshotIds(canister).isEmpty(), "no snapshot for an unchanged module");
        long versionBefore = status(canister).version().orElse(-1);

        UpgradeResult forced = run(config(canister, TestCanisters.counterV1Path()).toBuilder().force(true).build());
        assertEquals(UpgradeOutcome.UPGRADED, forced.outcome(), forced.message());
        assertEquals(1, snapshotIds(canister).size());
        assertEquals(hex(TestCanisters.counterV1()), moduleHash(canister));
        assertEquals(1, get(canister));
        assertTrue(status(canister).version().orElse(-1) > versionBefore, "the forced upgrade really ran");
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        UpgradeResult result = run(config(canister, TestCanisters.counterV2Path()).toBuilder().dryRun(true).build());
        assertEquals(UpgradeOutcome.DRY_RUN, result.outcome(), result.message());
        assertFalse(result.isFailure());
        assertTrue(listener.infos.stream().anyMatch(l -> l.contains("take a new snapshot")), listener.infos.toString());
        assertV1Untouched(canister, 1);
        assertTrue(snapshotIds(canister).isEmpty());
    }

    // ---- bad inputs: refused, naming the parameter, canister untouched ----

    @Test
    void badInputsAreRefusedNamingTheParameterAndTheCanisterIsUntouched() throws Exception {
        Principal canister = counterV1Canister();
        inc(canister);
        inc(canister);
        Path notWasm = temp.resolve("not.wasm");
        Files.writeString(notWasm, "hello");
        UpgradeConfig good = config(canister, TestCanisters.counterV2Path());
        TargetConfig t = good.target();

        assertRefused(good.toBuilder().wasm(temp.resolve("missing.wasm")).build(), "<wasm> (ic.wasm): " + temp.resolve("missing.wasm") + " does not exist");
        assertRefused(good.toBuilder().wasm(notWasm).build(), "<wasm> (ic.wasm): " + notWasm + " is not a WebAssembly module");
        assertRefused(good.toBuilder().wasm(null).build(), "<wasm> (ic.wasm): is required");
        assertRefused(good.toBuilder().target(new TargetConfig(t.network(), "not-a-principal", null, null, t.identity())).build(),
                "<canisterId> (ic.canisterId): 'not-a-principal' is not a canister id");
        assertRefused(good.toBuilder().target(new TargetConfig("mainnet", t.canisterId(), null, null, t.identity())).build(),
                "<network> (ic.network): Unknown network 'mainnet'");
        assertRefused(good.toBuilder().target(new TargetConfig(t.network(), t.canisterId(), null, null,
                IdentityConfig.environmentVariable("NOT_SET_ANYWHERE"))).build(), "No identity to sign with: set <serverId> (ic.serverId)");
        assertRefused(good.toBuilder().target(new TargetConfig(t.network(), t.canisterId(), null, null,
                IdentityConfig.pemFile(temp.resolve("nope.pem")))).build(), "<pemFile> (ic.pemFile): PEM file");
        assertRefused(good.toBuilder().target(new TargetConfig(t.network(), t.canisterId(), null, null,
                IdentityConfig.pemFile(strangerPemFile))).build(), "is not a controller of " + canister);
        assertRefused(good.toBuilder().arg("(record { oops").build(), "<arg> (ic.arg): '(record { oops' is not valid Candid text");
        assertRefused(good.toBuilder().argHex("zz").build(),
                "<argHex> (ic.argHex): 'zz' is not hex");
        assertRefused(good.toBuilder().arg("()").argHex("4449444c0000").build(),
                "set only one of <arg> (ic.arg), <argHex> (ic.argHex)");
        assertRefused(good.toBuilder().healthCheck(new HealthCheckConfig("health", null, "(\"ok", true, Duration.ofSeconds(1))).build(),
                "<healthExpected> (ic.healthExpected)");
        // An id far beyond what this class creates, so no other test's canister can have it.
        assertRefused(good.toBuilder().target(new TargetConfig(t.network(),
                io.github.icmaven.ic.Principal.canisterId(999_999).toText(), null, null, t.identity())).build(), "does not exist");

        assertV1Untouched(canister, 2);
        assertTrue(snapshotIds(canister).isEmpty());
    }

    @Test
    void canisterNameIsLookedUpInCanisterIdsJson() throws Exception {
        Principal canister = counterV1Canister();
        Path ids = temp.resolve("canister_ids.json");
        Files.writeString(ids, "{ \"backend\": { \"ic\": \"aaaaa-aa\", \"local\": \"" + canister + "\" } }");
        UpgradeConfig c = config(canister, TestCanisters.counterV2Path());
        UpgradeResult result = run(c.toBuilder().target(new TargetConfig(c.target().network(), null, "backend", ids, c.target().identity())).build());
        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals("backend", result.canister());
        assertEquals(canister.toText(), result.canisterId());

        UpgradeResult unknown = run(c.toBuilder().target(new TargetConfig(c.target().network(), null, "frontend", ids, c.target().identity())).build());
        assertEquals(UpgradeOutcome.REFUSED, unknown.outcome());
        assertTrue(unknown.message().startsWith("<canisterName> (ic.canisterName): no canister 'frontend'"), unknown.message());
    }

    @Test
    void identityFromAnEnvironmentVariable() throws Exception {
        Principal canister = counterV1Canister();
        UpgradeConfig c = config(canister, TestCanisters.counterV2Path());
        UpgradeConfig viaEnv = c.toBuilder().target(new TargetConfig(c.target().network(), c.target().canisterId(), null, null,
                IdentityConfig.environmentVariable(null))).build();
        String pem = Files.readString(pemFile);
        UpgradeResult result = new UpgradePipeline(listener, new IdentityLoader(temp), Map.of("IC_IDENTITY_PEM", pem)::get)
                .run(viaEnv);
        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
    }

    // ---- report ----

    @Test
    void jsonReportHoldsOutcomeHashesSnapshotAndSteps() throws Exception {
        Principal canister = counterV1Canister();
        GroupResult group = new UpgradePipeline(listener, new IdentityLoader(temp), name -> null)
                .run(GroupConfig.of(config(canister, TestCanisters.counterV2TrapPostUpgradePath()), temp.resolve("journal")));
        UpgradeResult result = group.canisters().get(0);
        assertFalse(Files.exists(temp.resolve("journal").resolve(UpgradeJournal.FILE_NAME)), "a run that ended leaves no journal");
        Path file = UpgradeReport.write(group, temp.resolve("ic"));

        Path latest = temp.resolve("ic").resolve("upgrade-" + canister + "-latest.json");
        assertTrue(Files.exists(latest));
        assertTrue(file.getFileName().toString().matches("upgrade-" + canister + "-\\d{8}-\\d{6}-\\d{3}\\.json"), file.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) Json.parse(Files.readString(latest));
        assertEquals("RESTORED", run.get("outcome"));
        assertEquals(result.message(), run.get("message"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> canisters = (List<Map<String, Object>>) run.get("canisters");
        assertEquals(1, canisters.size());
        Map<String, Object> report = canisters.get(0);
        assertEquals(canister.toText(), report.get("canister"));
        assertEquals(replica.url().toString(), report.get("network"));
        assertEquals("RESTORED", report.get("outcome"));
        assertEquals(hex(TestCanisters.counterV1()), report.get("moduleHashBefore"));
        assertEquals(hex(TestCanisters.counterV1()), report.get("moduleHashAfter"));
        assertEquals(hex(TestCanisters.counterV2TrapPostUpgrade()), report.get("newModuleHash"));
        assertEquals(result.snapshotId(), report.get("snapshotId"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) report.get("steps");
        assertEquals(List.of("preflight", "stop", "snapshot", "install", "restore"),
                steps.stream().map(s -> s.get("name")).toList());
        assertEquals("FAILED", steps.get(3).get("status"));
        assertNotNull(steps.get(3).get("message"));
        assertTrue(steps.get(3).get("millis") instanceof Number);
        String text = Files.readString(latest);
        assertFalse(text.contains("PRIVATE KEY"));
    }

    // ---- helpers ----

    private UpgradeResult run(UpgradeConfig config) {
        return new UpgradePipeline(listener, new IdentityLoader(temp), name -> null).run(config);
    }

    private void assertRefused(UpgradeConfig config, String expectedMessagePart) {
        UpgradeResult result = run(config);
        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertTrue(result.message().contains(expectedMessagePart), "expected '" + expectedMessagePart + "' in: " + result.message());
        assertFalse(result.message().contains("\n"), result.message());
    }

    private void assertV1Untouched(Principal canister, long counter) throws Exception {
        assertEquals(hex(TestCanisters.counterV1()), moduleHash(canister));
        assertEquals(CanisterRunStatus.RUNNING, status(canister).status());
        assertEquals(counter, get(canister));
    }

    static UpgradeConfig config(Principal canister, Path wasm) {
        return UpgradeConfig.of(new TargetConfig(replica.url().toString(), canister.toText(), null, null,
                IdentityConfig.pemFile(pemFile)), wasm);
    }

    static Principal counterV1Canister() throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
        return canister;
    }

    private static StepRecord step(UpgradeResult result, String name) {
        return result.steps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + result.steps()));
    }

    private static List<String> stepNames(UpgradeResult result) {
        return result.steps().stream().map(StepRecord::name).toList();
    }

    static List<String> snapshotIds(Principal canister) throws IcCallException {
        return client.listCanisterSnapshots(canister).stream().map(SnapshotInfo::textId).toList();
    }

    static CanisterStatus status(Principal canister) throws IcCallException {
        return client.canisterStatus(canister);
    }

    static String moduleHash(Principal canister) throws IcCallException {
        return status(canister).moduleHashHex().orElse(null);
    }

    /** A new canister running the Motoko counter {@code wasm}, incremented {@code increments} times. */
    private static Principal motokoCanister(byte[] wasm, int increments) throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), wasm, TestCanisters.encodeEmpty());
        for (int i = 0; i < increments; i++) {
            inc(canister);
        }
        return canister;
    }

    static long inc(Principal canister) throws IcCallException {
        return TestCanisters.decodeNat64(client.callUpdate(canister, "inc", TestCanisters.encodeEmpty()));
    }

    static long get(Principal canister) throws IcCallException {
        return TestCanisters.decodeNat64(client.callQuery(canister, "get", TestCanisters.encodeEmpty()));
    }

    private static String version(Principal canister) throws IcCallException {
        return TestCanisters.decodeText(client.callQuery(canister, "version", TestCanisters.encodeEmpty()));
    }

    static String hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String newPem() throws Exception {
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }

    static final class RecordingListener implements UpgradeListener {
        final List<String> infos = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<StepRecord> steps = new ArrayList<>();

        @Override
        public void stepFinished(StepRecord step) {
            steps.add(step);
        }

        @Override
        public void info(String line) {
            infos.add(line);
        }

        @Override
        public void warn(String line) {
            warnings.add(line);
        }
    }
}
