package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestReplica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several canisters upgraded as one against the embedded replica: all or none end on the new modules, with
 * their memory, running as found; one at a time in the listed order, in parallel, and behind canaries.
 */
@Timeout(180)
class GroupUpgradeIntegrationTest {
    @RegisterExtension
    static final TestReplica ic = new TestReplica();

    @TempDir
    Path temp;

    private final UpgradePipelineIntegrationTest.RecordingListener listener = new UpgradePipelineIntegrationTest.RecordingListener();

    @Test
    void threeCanistersAreUpgradedInOrderKeepingTheirMemory() throws Exception {
        List<Principal> three = List.of(ic.counterV1Canister(1), ic.counterV1Canister(2), ic.counterV1Canister(3));

        GroupResult result = run(three.stream().map(c -> ic.config(c, TestCanisters.counterV2Path())).toList());

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        for (int i = 0; i < 3; i++) {
            ic.assertRuns(three.get(i), TestCanisters.counterV2(), i + 1);
            assertEquals(1, ic.snapshotIds(three.get(i)).size());
            assertEquals(UpgradeOutcome.UPGRADED, result.canisters().get(i).outcome());
        }
        assertEquals(List.of("stop", "snapshot", "stop", "snapshot", "stop", "snapshot", "install", "install", "install"),
                stepsOfKinds(List.of("stop", "snapshot", "install")), "every canister is snapshotted before the first install");
        assertEquals(labels(three), prefixes("install"), "installed in the listed order");
        assertFalse(Files.exists(temp.resolve(UpgradeJournal.FILE_NAME)), "a finished run leaves no journal");
    }

    @Test
    void failureOfTheThirdRestoresAllInReverseOrder() throws Exception {
        List<Principal> three = List.of(ic.counterV1Canister(1), ic.counterV1Canister(2), ic.counterV1Canister(3));

        GroupResult result = run(List.of(ic.config(three.get(0), TestCanisters.counterV2Path()),
                ic.config(three.get(1), TestCanisters.counterV2Path()),
                ic.config(three.get(2), TestCanisters.counterV2TrapPostUpgradePath())));

        assertEquals(UpgradeOutcome.RESTORED, result.outcome(), result.message());
        for (int i = 0; i < 3; i++) {
            ic.assertRuns(three.get(i), TestCanisters.counterV1(), i + 1);
            assertEquals(UpgradeOutcome.RESTORED, result.canisters().get(i).outcome(), result.canisters().get(i).message());
        }
        assertEquals(List.of(three.get(2).toText(), three.get(1).toText(), three.get(0).toText()), prefixes("restore"),
                "restored in reverse order");
        assertTrue(result.message().startsWith("Upgrade of " + three.get(2) + " failed at install"), result.message());
        assertTrue(result.canisters().get(0).message().contains("failed at install"), result.canisters().get(0).message());
        assertFalse(Files.exists(temp.resolve(UpgradeJournal.FILE_NAME)), "a rolled back run leaves no journal");
    }

    @Test
    void aFailedHealthCheckAfterAllStartedRestoresAll() throws Exception {
        List<Principal> two = List.of(ic.counterV1Canister(4), ic.counterV1Canister(5));
        HealthCheckConfig health = new HealthCheckConfig("health", null, "(\"ok\")", true, Duration.ZERO);

        GroupResult result = run(List.of(ic.config(two.get(0), TestCanisters.counterV2Path()).toBuilder().healthCheck(health).build(),
                ic.config(two.get(1), TestCanisters.counterV2BadHealthPath()).toBuilder().healthCheck(health).build()));

        assertEquals(UpgradeOutcome.RESTORED, result.outcome(), result.message());
        ic.assertRuns(two.get(0), TestCanisters.counterV1(), 4);
        ic.assertRuns(two.get(1), TestCanisters.counterV1(), 5);
        assertTrue(result.message().contains("failed at health-check"), result.message());
    }

    @Test
    void aRefusedCanisterStopsTheGroupBeforeAnythingChanges() throws Exception {
        List<Principal> two = List.of(ic.counterV1Canister(1), ic.counterV1Canister(2));

        GroupResult result = run(List.of(ic.config(two.get(0), TestCanisters.counterV2Path()),
                ic.config(two.get(1), temp.resolve("missing.wasm"))));

        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertEquals(UpgradeOutcome.CANCELLED, result.canisters().get(0).outcome());
        assertEquals(UpgradeOutcome.REFUSED, result.canisters().get(1).outcome());
        assertTrue(result.message().contains("<wasm>") && result.message().contains(two.get(1).toText()), result.message());
        for (int i = 0; i < 2; i++) {
            ic.assertRuns(two.get(i), TestCanisters.counterV1(), i + 1);
            assertEquals(List.of(), ic.snapshotIds(two.get(i)));
        }
    }

    @Test
    void aMemberAlreadyOnItsModuleIsLeftAlone() throws Exception {
        List<Principal> two = List.of(ic.counterV1Canister(1), ic.counterV1Canister(2));

        GroupResult result = run(List.of(ic.config(two.get(0), TestCanisters.counterV1Path()),
                ic.config(two.get(1), TestCanisters.counterV2Path())));

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(UpgradeOutcome.UNCHANGED, result.canisters().get(0).outcome());
        assertEquals(List.of(), ic.snapshotIds(two.get(0)), "an unchanged canister is not even stopped or snapshotted");
        ic.assertRuns(two.get(1), TestCanisters.counterV2(), 2);
    }

    @Test
    void aCanisterListedTwiceIsRefused() throws Exception {
        Principal canister = ic.counterV1Canister(1);

        GroupResult result = run(List.of(ic.config(canister, TestCanisters.counterV2Path()),
                ic.config(canister, TestCanisters.counterV2Path())));

        assertEquals(UpgradeOutcome.REFUSED, result.outcome(), result.message());
        assertTrue(result.message().contains("listed twice"), result.message());
        ic.assertRuns(canister, TestCanisters.counterV1(), 1);
    }

    @Test
    void inParallelEveryCanisterIsSnapshottedBeforeTheFirstInstall() throws Exception {
        List<Principal> four = List.of(ic.counterV1Canister(1), ic.counterV1Canister(2), ic.counterV1Canister(3),
                ic.counterV1Canister(4));

        GroupResult result = run(four.stream().map(c -> ic.config(c, TestCanisters.counterV2Path())).toList(), 4, 0);

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        for (int i = 0; i < 4; i++) {
            ic.assertRuns(four.get(i), TestCanisters.counterV2(), i + 1);
            assertEquals(1, ic.snapshotIds(four.get(i)).size());
            assertEquals(UpgradeOutcome.UPGRADED, result.canisters().get(i).outcome());
        }
        List<String> steps = stepsOfKinds(List.of("snapshot", "install", "start"));
        assertEquals(4, steps.lastIndexOf("snapshot") + 1, "all snapshots before the first install: " + steps);
        assertEquals(8, steps.lastIndexOf("install") + 1, "all installs before the first start: " + steps);
        assertEquals(labels(four).stream().sorted().toList(), prefixes("install").stream().sorted().toList());
        assertFalse(Files.exists(temp.resolve(UpgradeJournal.FILE_NAME)), "a finished run leaves no journal");
    }

    @Test
    void inParallelAFailureRestoresEveryCanister() throws Exception {
        List<Principal> three = List.of(ic.counterV1Canister(1), ic.counterV1Canister(2), ic.counterV1Canister(3));

        GroupResult result = run(List.of(ic.config(three.get(0), TestCanisters.counterV2Path()),
                ic.config(three.get(1), TestCanisters.counterV2TrapPostUpgradePath()),
                ic.config(three.get(2), TestCanisters.counterV2Path())), 3, 0);

        assertEquals(UpgradeOutcome.RESTORED, result.outcome(), result.message());
        for (int i = 0; i < 3; i++) {
            ic.assertRuns(three.get(i), TestCanisters.counterV1(), i + 1);
            assertEquals(1, ic.snapshotIds(three.get(i)).size(), "the upgrade's snapshot is kept");
            assertTrue(List.of(UpgradeOutcome.RESTORED, UpgradeOutcome.CANCELLED).contains(result.canisters().get(i).outcome()),
                    result.canisters().get(i).message());
        }
        assertEquals(UpgradeOutcome.RESTORED, result.canisters().get(1).outcome(), "the one that failed was installed");
        assertTrue(result.message().startsWith("Upgrade of " + three.get(1) + " failed at install"), result.message());
        assertFalse(Files.exists(temp.resolve(UpgradeJournal.FILE_NAME)), "a rolled back run leaves no journal");
    }

    @Test
    void aFailedCanaryIsRestoredAndTheRestAreNeverTouched() throws Exception {
        List<Principal> three = List.of(ic.counterV1Canister(1), ic.counterV1Canister(2), ic.counterV1Canister(3));
        HealthCheckConfig health = new HealthCheckConfig("health", null, "(\"ok\")", true, Duration.ZERO);

        GroupResult result = run(List.of(
                ic.config(three.get(0), TestCanisters.counterV2BadHealthPath()).toBuilder().healthCheck(health).build(),
                ic.config(three.get(1), TestCanisters.counterV2Path()),
                ic.config(three.get(2), TestCanisters.counterV2Path())), 3, 1);

        assertEquals(UpgradeOutcome.RESTORED, result.outcome(), result.message());
        assertTrue(result.message().contains("failed at health-check"), result.message());
        ic.assertRuns(three.get(0), TestCanisters.counterV1(), 1);
        assertEquals(UpgradeOutcome.RESTORED, result.canisters().get(0).outcome());
        for (int i = 1; i < 3; i++) {
            ic.assertRuns(three.get(i), TestCanisters.counterV1(), i + 1);
            assertEquals(List.of(), ic.snapshotIds(three.get(i)), "never stopped nor snapshotted");
            assertEquals(UpgradeOutcome.CANCELLED, result.canisters().get(i).outcome());
        }
        assertEquals(List.of(three.get(0).toText()), prefixes("stop"), "only the canary was stopped");
    }

    @Test
    void aFailureAfterTheCanariesRestoresTheCanariesToo() throws Exception {
        List<Principal> three = List.of(ic.counterV1Canister(1), ic.counterV1Canister(2), ic.counterV1Canister(3));

        GroupResult result = run(List.of(ic.config(three.get(0), TestCanisters.counterV2Path()),
                ic.config(three.get(1), TestCanisters.counterV2Path()),
                ic.config(three.get(2), TestCanisters.counterV2TrapPostUpgradePath())), 2, 1);

        assertEquals(UpgradeOutcome.RESTORED, result.outcome(), result.message());
        for (int i = 0; i < 3; i++) {
            ic.assertRuns(three.get(i), TestCanisters.counterV1(), i + 1);
        }
        assertEquals(UpgradeOutcome.RESTORED, result.canisters().get(0).outcome(), result.canisters().get(0).message());
        List<String> steps = listener.steps.stream().filter(s -> s.message() != null)
                .map(s -> s.name() + " " + s.message().substring(0, s.message().indexOf(": "))).toList();
        assertTrue(steps.indexOf("verify " + three.get(0)) < steps.indexOf("stop " + three.get(1)),
                "the canary was verified before the rest were stopped: " + steps);
    }

    /** One canister at a time, in the listed order. */
    private GroupResult run(List<UpgradeConfig> canisters) {
        return run(canisters, 1, 0);
    }

    private GroupResult run(List<UpgradeConfig> canisters, int parallelism, int canary) {
        return new UpgradePipeline(listener, new IdentityLoader(temp), name -> null)
                .run(new GroupConfig(canisters, temp, parallelism, canary));
    }

    private List<String> stepsOfKinds(List<String> kinds) {
        return listener.steps.stream().map(StepRecord::name).filter(kinds::contains).toList();
    }

    /** The canister labels that prefix the messages of the finished steps named {@code step}, in order. */
    private List<String> prefixes(String step) {
        return listener.steps.stream().filter(s -> s.name().equals(step))
                .map(s -> s.message().substring(0, s.message().indexOf(": "))).toList();
    }

    private static List<String> labels(List<Principal> canisters) {
        return canisters.stream().map(Principal::toText).toList();
    }
}
