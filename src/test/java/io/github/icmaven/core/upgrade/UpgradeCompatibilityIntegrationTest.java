package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestReplica;
import io.github.icmaven.testcanisters.WasmCustomSections;
import com.dylibso.chicory.wabt.Wat2Wasm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks that catch upgrades the IC accepts but that break users: an incompatible Candid interface,
 * Motoko stable variables the new module cannot take over, {@code replace} on enhanced orthogonal persistence,
 * and preserved query replies that change. Judged by the canister's module, counter, status and snapshots.
 */
@Timeout(180)
class UpgradeCompatibilityIntegrationTest {
    @RegisterExtension
    static final TestReplica ic = new TestReplica();

    private static final Path MOTOKO = TestCanisters.directory().resolve("motoko");
    private static final Path INCOMPATIBLE = TestCanisters.wasmPath("counter-v2-incompatible");
    private static final Path LOSSY = TestCanisters.wasmPath("counter-v2-lossy");
    /** The Motoko counter before each upgrade: what a memory wipe would erase. */
    private static final int MOTOKO_COUNTER = 2;

    @TempDir
    Path temp;

    private final UpgradePipelineIntegrationTest.RecordingListener listener = new UpgradePipelineIntegrationTest.RecordingListener();

    @Test
    void anIncompatibleInterfaceIsRefusedBeforeAnythingChangesNamingEachMethod() throws Exception {
        Principal canister = ic.counterV1Canister(3);

        UpgradeResult result = run(ic.config(canister, INCOMPATIBLE));

        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertTrue(result.message().contains("method inc_in_query : () -> (nat64) query was removed"), result.message());
        assertTrue(result.message().contains("method set changed from (nat64) -> () to (int64) -> (): argument 1: "
                + "nat64 is not a subtype of int64"), result.message());
        assertTrue(result.message().contains("<candidCheck> (ic.candidCheck)"), result.message());
        ic.assertRuns(canister, TestCanisters.counterV1(), 3);
        assertEquals(List.of(), ic.snapshotIds(canister));
        assertEquals(List.of("preflight"), result.steps().stream().map(StepRecord::name).toList());
    }

    @Test
    void aGzippedModuleIsCheckedToo() throws Exception {
        Principal canister = ic.counterV1Canister(3);
        Path gzipped = temp.resolve("counter-v2-incompatible.wasm.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(Files.readAllBytes(INCOMPATIBLE));
        }

        UpgradeResult result = run(ic.config(canister, gzipped));

        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertTrue(result.message().contains("method set changed"), result.message());
        ic.assertRuns(canister, TestCanisters.counterV1(), 3);
    }

    @Test
    void candidCheckWarnUpgradesWithAWarning() throws Exception {
        Principal canister = ic.counterV1Canister(3);

        UpgradeResult result = run(ic.config(canister, INCOMPATIBLE).toBuilder().candidCheck(CheckMode.WARN).build());

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        ic.assertRuns(canister, Files.readAllBytes(INCOMPATIBLE), 3);
        assertTrue(listener.warnings.stream().anyMatch(w -> w.contains("method set changed") && w.contains("Upgrading anyway")),
                listener.warnings.toString());
    }

    @Test
    void candidCheckSkipDoesNotLook() throws Exception {
        Principal canister = ic.counterV1Canister(3);

        UpgradeResult result = run(ic.config(canister, INCOMPATIBLE).toBuilder().candidCheck(CheckMode.SKIP).build());

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(List.of(), listener.warnings);
    }

    @Test
    void aCompatibleUpgradeSaysSoInPreflight() throws Exception {
        Principal canister = ic.counterV1Canister(3);

        UpgradeResult result = run(ic.config(canister, TestCanisters.counterV2Path()));

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertTrue(result.steps().get(0).message().contains("interface compatible (9 methods kept)"),
                result.steps().get(0).message());
        assertEquals(List.of(), listener.warnings);
    }

    @Test
    void candidFileIsTheNewInterfaceWhenSet() throws Exception {
        Principal canister = ic.counterV1Canister(3);
        Path did = temp.resolve("counter.did");
        Files.writeString(did, TestCanisters.INCOMPATIBLE_CANDID_SERVICE);

        UpgradeResult refused = run(ic.config(canister, TestCanisters.counterV2Path()).toBuilder().candidFile(did).build());
        assertEquals(UpgradeOutcome.REFUSED, refused.outcome(), refused.message());
        assertTrue(refused.message().contains("method set changed"), refused.message());

        Files.writeString(did, "service : { get : () -> (nat64) query");
        UpgradeResult unreadable = run(ic.config(canister, TestCanisters.counterV2Path()).toBuilder().candidFile(did).build());
        assertEquals(UpgradeOutcome.REFUSED, unreadable.outcome(), unreadable.message());
        assertTrue(unreadable.message().startsWith("<candidFile> (ic.candidFile): " + did), unreadable.message());
        ic.assertRuns(canister, TestCanisters.counterV1(), 3);
    }

    @Test
    void aDeployedModuleWithoutAnInterfaceIsAWarning() throws Exception {
        Principal canister = ic.client().provisionalCreateCanisterWithCycles(Optional.of(BigInteger.TEN.pow(13)),
                Optional.empty(), List.of());
        byte[] withoutCandid = Wat2Wasm.parse(Files.readString(TestCanisters.watPath("counter-v1")));
        ic.client().installCode(canister, InstallMode.install(), withoutCandid, TestCanisters.encodeEmpty());

        UpgradeResult result = run(ic.config(canister, INCOMPATIBLE));

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(List.of("The deployed module of " + canister + " has no candid:service metadata: its interface "
                + "was not checked for compatibility."), listener.warnings);
    }

    @Test
    void aLossyUpgradeIsCaughtByPreserveAndRestored() throws Exception {
        Principal canister = ic.counterV1Canister(3);

        UpgradeResult result = run(ic.config(canister, LOSSY).toBuilder().preserve(List.of("get", "version()")).build());

        assertEquals(UpgradeOutcome.RESTORED, result.outcome(), result.message());
        assertTrue(result.message().contains("failed at check-values: preserved values changed: get was (3 : nat64) "
                + "before the upgrade and is (0 : nat64) after it; version() was (\"v1\") before the upgrade and is "
                + "(\"v2\") after it"), result.message());
        ic.assertRuns(canister, TestCanisters.counterV1(), 3);
        assertEquals(List.of(result.snapshotId()), ic.snapshotIds(canister));
    }

    @Test
    void withoutPreserveTheLossyUpgradeGoesThroughAndLosesTheCounter() throws Exception {
        Principal canister = ic.counterV1Canister(3);

        UpgradeResult unchecked = run(ic.config(canister, LOSSY));
        assertEquals(UpgradeOutcome.UPGRADED, unchecked.outcome(), unchecked.message());
        ic.assertRuns(canister, Files.readAllBytes(LOSSY), 0);
    }

    @Test
    void preservedValuesThatStayTheSamePass() throws Exception {
        Principal canister = ic.counterV1Canister(5);

        UpgradeResult result = run(ic.config(canister, TestCanisters.counterV2Path()).toBuilder()
                .preserve(List.of("get", "stable_checksum()")).build());

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(List.of("preflight", "read-values", "stop", "snapshot", "install", "start", "verify",
                "health-check", "check-values"), result.steps().stream().map(StepRecord::name).toList());
        ic.assertRuns(canister, TestCanisters.counterV2(), 5);
    }

    @Test
    void aMalformedPreserveEntryIsRefusedNamingTheParameter() throws Exception {
        Principal canister = ic.counterV1Canister(3);

        UpgradeResult result = run(ic.config(canister, TestCanisters.counterV2Path()).toBuilder()
                .preserve(List.of("get x")).build());

        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertTrue(result.message().startsWith("<preserve> (ic.preserve): 'get x'"), result.message());
        ic.assertRuns(canister, TestCanisters.counterV1(), 3);
    }

    @Test
    void replaceOnEnhancedOrthogonalPersistenceIsRefusedUnlessAllowed() throws Exception {
        Principal canister = motokoCanister();
        byte[] v1 = Files.readAllBytes(MOTOKO.resolve("counter.wasm"));
        UpgradeConfig replace = ic.config(canister, MOTOKO.resolve("counter-v2.wasm")).toBuilder()
                .wasmMemoryPersistence(PersistenceChoice.REPLACE).build();

        UpgradeResult refused = run(replace);

        assertEquals(UpgradeOutcome.REFUSED, refused.outcome(), refused.message());
        assertTrue(refused.message().contains("replace erases all of the canister's state"), refused.message());
        assertTrue(refused.message().contains("<allowMemoryWipe> (ic.allowMemoryWipe)"), refused.message());
        ic.assertRuns(canister, v1, MOTOKO_COUNTER);
        assertEquals(List.of(), ic.snapshotIds(canister));

        UpgradeResult wiped = run(replace.toBuilder().allowMemoryWipe(true).build());
        assertEquals(UpgradeOutcome.UPGRADED, wiped.outcome(), wiped.message());
        assertTrue(listener.warnings.stream().anyMatch(w -> w.contains("so it will be wiped")), listener.warnings.toString());
        ic.assertRuns(canister, Files.readAllBytes(MOTOKO.resolve("counter-v2.wasm")), 0);
    }

    @Test
    void motokoStableVariablesAreCheckedFromTheModuleSections() throws Exception {
        Principal canister = motokoCanister();
        UpgradeResult compatible = run(ic.config(canister, MOTOKO.resolve("counter-v2.wasm")).toBuilder().dryRun(true).build());
        assertEquals(UpgradeOutcome.DRY_RUN, compatible.outcome(), compatible.message());
        assertTrue(compatible.steps().get(0).message().contains("stable variables compatible"),
                compatible.steps().get(0).message());

        Path retyped = temp.resolve("counter-text.wasm");
        Files.write(retyped, WasmCustomSections.replace(Files.readAllBytes(MOTOKO.resolve("counter-v2.wasm")),
                "icp:private motoko:stable-types",
                "// Version: 1.0.0\nactor {\n  stable var counter : Text\n};\n".getBytes(StandardCharsets.UTF_8)));
        UpgradeResult refused = run(ic.config(canister, retyped));
        assertEquals(UpgradeOutcome.REFUSED, refused.outcome(), refused.message());
        assertTrue(refused.message().contains("stable variable counter cannot change from Nat64 to Text"), refused.message());
        assertTrue(refused.message().contains("<stableCheck> (ic.stableCheck)"), refused.message());
        ic.assertRuns(canister, Files.readAllBytes(MOTOKO.resolve("counter.wasm")), MOTOKO_COUNTER);

        UpgradeResult warned = run(ic.config(canister, retyped).toBuilder().stableCheck(CheckMode.WARN).dryRun(true).build());
        assertEquals(UpgradeOutcome.DRY_RUN, warned.outcome(), warned.message());
    }

    @Test
    void aGroupWhoseSecondInterfaceBreaksTouchesNoCanister() throws Exception {
        Principal first = ic.counterV1Canister(1);
        Principal second = ic.counterV1Canister(2);

        GroupResult result = new UpgradePipeline(listener).run(new GroupConfig(List.of(
                ic.config(first, TestCanisters.counterV2Path()), ic.config(second, INCOMPATIBLE)), temp));

        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertTrue(result.message().contains("Canister " + second + ": The new Candid interface of " + second
                + " breaks clients of the deployed one: method inc_in_query"), result.message());
        assertEquals(UpgradeOutcome.CANCELLED, result.canisters().get(0).outcome());
        ic.assertRuns(first, TestCanisters.counterV1(), 1);
        ic.assertRuns(second, TestCanisters.counterV1(), 2);
        assertEquals(List.of(), ic.snapshotIds(first));
        assertEquals(List.of(), ic.snapshotIds(second));
    }

    private Principal motokoCanister() throws Exception {
        Principal canister = ic.client().provisionalCreateCanisterWithCycles(Optional.of(BigInteger.TEN.pow(13)),
                Optional.empty(), List.of());
        ic.client().installCode(canister, InstallMode.install(), Files.readAllBytes(MOTOKO.resolve("counter.wasm")),
                TestCanisters.encodeEmpty());
        for (int i = 0; i < MOTOKO_COUNTER; i++) {
            ic.client().callUpdate(canister, "inc", TestCanisters.encodeEmpty());
        }
        return canister;
    }

    private UpgradeResult run(UpgradeConfig config) {
        return new UpgradePipeline(listener).run(config);
    }
}
