package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestReplica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the build mid-upgrade, at the start of every step of a two-canister group (the journal for that
 * step written, the step not yet done), then recovery from the journal: both canisters end either on their
 * new modules or exactly as they were (module and memory), running, and the user is told which.
 */
@Timeout(300)
class CrashRecoveryTest {
    @RegisterExtension
    static final TestReplica ic = new TestReplica();

    @TempDir
    Path journalDirectory;

    private final UpgradePipelineIntegrationTest.RecordingListener listener = new UpgradePipelineIntegrationTest.RecordingListener();

    /**
     * @param killedAt the step and which of its occurrences (1 = first canister's)
     * @param secondWasm the second canister's new module: counter-v2, or one that traps to get to the restores
     * @param expected FINISHED (both on v2) or UNDONE (both on v1, memory as before)
     */
    @ParameterizedTest(name = "killed at {0}, second module {1}: {2}")
    @CsvSource({
            "stop:1, counter-v2, UNDONE, Nothing had been installed",
            "snapshot:2, counter-v2, UNDONE, Nothing had been installed",
            "install:1, counter-v2, UNDONE, restored from their snapshots",
            "install:2, counter-v2, UNDONE, restored from their snapshots",
            "start:1, counter-v2, FINISHED, it was finished",
            "verify:2, counter-v2, FINISHED, it was finished",
            "health-check:1, counter-v2, FINISHED, it was finished",
            "restore:1, counter-v2-trap-post-upgrade, UNDONE, restored from their snapshots",
            "restore:2, counter-v2-trap-post-upgrade, UNDONE, restored from their snapshots",
    })
    void recoveryFinishesOrUndoesAKilledUpgrade(String killedAt, String secondWasm, String expected, String told)
            throws Exception {
        List<Principal> two = List.of(ic.counterV1Canister(3), ic.counterV1Canister(4));
        killAt(killedAt, two, secondWasm);
        assertTrue(Files.exists(journalDirectory.resolve(UpgradeJournal.FILE_NAME)), "the dead build left its journal");

        GroupResult recovery = new JournalRecovery(listener, new IdentityLoader(journalDirectory), name -> null)
                .recover(new UpgradeJournal(journalDirectory), ic.target(two.get(0)));

        assertTrue(recovery.message().contains(told), recovery.message());
        byte[] module = expected.equals("FINISHED") ? TestCanisters.counterV2() : TestCanisters.counterV1();
        ic.assertRuns(two.get(0), module, 3);
        ic.assertRuns(two.get(1), module, 4);
        assertFalse(Files.exists(journalDirectory.resolve(UpgradeJournal.FILE_NAME)), "a recovered journal is deleted");
        assertTrue(listener.warnings.stream().anyMatch(w -> w.contains("Found the journal of an upgrade interrupted")),
                listener.warnings.toString());
    }

    @Test
    void theNextUpgradeRecoversFirstThenUpgrades() throws Exception {
        List<Principal> two = List.of(ic.counterV1Canister(5), ic.counterV1Canister(6));
        killAt("install:2", two, "counter-v2");

        GroupResult result = new UpgradePipeline(listener, new IdentityLoader(journalDirectory), name -> null)
                .run(new GroupConfig(two.stream().map(c -> ic.config(c, TestCanisters.counterV2Path())).toList(),
                        journalDirectory));

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertNotNull(result.recovery());
        assertTrue(result.recovery().contains("restored from their snapshots"), result.recovery());
        ic.assertRuns(two.get(0), TestCanisters.counterV2(), 5);
        ic.assertRuns(two.get(1), TestCanisters.counterV2(), 6);
        assertFalse(Files.exists(journalDirectory.resolve(UpgradeJournal.FILE_NAME)));
    }

    /** Runs {@link UpgradeUntilKilled} in its own JVM and kills it (SIGKILL) once it froze at {@code step:N}. */
    private void killAt(String stepAndOccurrence, List<Principal> two, String secondWasm) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", // a short-lived JVM: start fast
                "-cp", System.getProperty("java.class.path"), UpgradeUntilKilled.class.getName(),
                ic.replica().url().toString(), ic.pemFile().toString(), journalDirectory.toString(), stepAndOccurrence,
                stepAndOccurrence.startsWith("health-check") ? "health" : "-",
                two.get(0) + "=" + TestCanisters.counterV2Path(),
                two.get(1) + "=" + TestCanisters.wasmPath(secondWasm)));
        Process build = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(build.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("FROZEN ")) {
                    build.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(build.waitFor(30, TimeUnit.SECONDS), "the killed build is gone");
        assertTrue(output.stream().anyMatch(l -> l.startsWith("FROZEN ")), "the build never reached " + stepAndOccurrence
                + ": " + String.join("\n", output));
    }
}
