package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.ic.transport.RetryPolicy;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.faults.Faults;
import io.github.icmaven.replica.faults.Trigger;
import io.github.icmaven.replica.faults.When;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestReplica;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upgrade pipeline with a fault at every step, of every kind, each on a fresh running counter canister
 * with a pre-existing snapshot and {@code noOverwrite}. Whatever happens, the user must find the canister
 * running with either the new module, or exactly the old module and memory, no snapshot of theirs lost, and
 * an outcome and message that say which. Transient faults must cost a retry, not a rollback.
 *
 * <p>One replica for all cases; each case has its own canister and its faults count only that canister's
 * requests, so the cases run concurrently (with each other, not with other test classes).
 */
@Timeout(120)
class UpgradeFaultMatrixTest {
    private static final int COUNTER = 42;
    /** Above the 2 MB single-message limit: three chunks of at most 1 MiB. */
    private static final int CHUNKED_PADDING_BYTES = 2_500_000;
    private static final HealthCheckConfig HEALTH = new HealthCheckConfig("health", null, "(\"ok\")", true,
            Duration.ofSeconds(10));

    @RegisterExtension
    static final TestReplica ic = new TestReplica();

    private static Faults faults;
    private static Path smallModule;
    private static Path chunkedModule;

    /** A pipeline step and the call of it a fault strikes. */
    enum Step {
        STOP("stop", "stop_canister", 1, false),
        SNAPSHOT("snapshot", "take_canister_snapshot", 1, false),
        CHUNK_1("install", "upload_chunk", 1, true),
        CHUNK_2("install", "upload_chunk", 2, true),
        CHUNK_3("install", "upload_chunk", 3, true),
        INSTALL("install", "install_chunked_code", 1, true),
        START("start", "start_canister", 1, false),
        HEALTH_CHECK("health-check", "health", 1, false),
        /** The rollback after a rejected health check: the fault strikes the loading of the snapshot. */
        RESTORE("health-check", "load_canister_snapshot", 1, false);

        final String pipelineStep;
        final String method;
        final int nth;
        final boolean chunked;

        Step(String pipelineStep, String method, int nth, boolean chunked) {
            this.pipelineStep = pipelineStep;
            this.method = method;
            this.nth = nth;
            this.chunked = chunked;
        }

        boolean beforeAnyChange() {
            return this == STOP || this == SNAPSHOT;
        }
    }

    /** How the struck call fails. */
    enum FaultKind {
        /** A final reject, as the IC gives for a broken contract: the pipeline must roll back. */
        REJECT,
        HTTP_5XX_BEFORE_EXECUTION,
        /** The call ran and its answer was lost: sent again as the same request, which the IC does not run twice. */
        HTTP_5XX_AFTER_EXECUTION,
        DROP_AFTER_EXECUTION,
        DELAYED_REPLY;

        void strike(Trigger trigger, Principal canister) {
            switch (this) {
                case REJECT -> faults.reject(trigger, contractViolation(canister));
                case HTTP_5XX_BEFORE_EXECUTION -> faults.http5xx(trigger, 503, When.BEFORE_EXECUTION);
                case HTTP_5XX_AFTER_EXECUTION -> faults.http5xx(trigger, 502, When.AFTER_EXECUTION);
                case DROP_AFTER_EXECUTION -> faults.dropConnection(trigger, When.AFTER_EXECUTION);
                case DELAYED_REPLY -> faults.delay(trigger, Duration.ofMillis(300), When.AFTER_EXECUTION);
            }
        }

        boolean isFinal() {
            return this == REJECT;
        }

        /** A delay only slows the pipeline down; every other transient fault is retried. */
        boolean costsARetry() {
            return !isFinal() && this != DELAYED_REPLY;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Step step : Step.values()) {
            for (FaultKind kind : FaultKind.values()) {
                cases.add(Arguments.of(step, kind));
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void prepare(@TempDir Path directory) throws Exception {
        faults = ic.faults();
        smallModule = TestCanisters.counterV2Path();
        chunkedModule = directory.resolve("counter-v2-chunked.wasm");
        // Padding outside the metadata: each certificate hashes the whole state tree, metadata of every canister included.
        Files.write(chunkedModule, TestCanisters.withPadding(TestCanisters.counterV2(), CHUNKED_PADDING_BYTES, "padding"));
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("cases")
    @Execution(ExecutionMode.CONCURRENT)
    void theCanisterEndsRunningWithTheNewModuleOrExactlyTheOldState(Step step, FaultKind kind, @TempDir Path temp)
            throws Exception {
        Principal canister = ic.counterV1Canister(COUNTER);
        List<String> snapshotsBefore = List.of(ic.client().takeCanisterSnapshot(canister, Optional.empty()).textId());
        Path module = step.chunked ? chunkedModule : smallModule;
        String newHash = TestReplica.sha256Hex(Files.readAllBytes(module));
        String oldHash = TestReplica.sha256Hex(TestCanisters.counterV1());
        if (step == Step.RESTORE) {
            faults.reject(Trigger.call("health", 1).onCanister(canister), contractViolation(canister));
        }
        kind.strike(Trigger.call(step.method, step.nth).onCanister(canister), canister);
        Listener listener = new Listener();

        UpgradeResult result = upgrade(canister, module, listener, temp);

        String what = kind + " at " + step + ": " + result.outcome() + ", " + result.message() + "\nwarnings: "
                + listener.warnings + "\nfired: " + firedOn(canister);
        assertEquals(step == Step.RESTORE ? 2 : 1, firedOn(canister).size(), what);

        // What the user finds.
        CanisterStatus status = ic.client().canisterStatus(canister);
        assertEquals(CanisterRunStatus.RUNNING, status.status(), what);
        String moduleHash = status.moduleHashHex().orElseThrow();
        assertTrue(moduleHash.equals(newHash) || moduleHash.equals(oldHash),
                "neither the new nor the old module: " + what);
        assertEquals(COUNTER, ic.counter(canister), "the counter (canister memory) survives: " + what);
        List<String> snapshotsAfter = ic.snapshotIds(canister);
        assertTrue(snapshotsAfter.containsAll(snapshotsBefore), "lost a snapshot: " + snapshotsAfter + "; " + what);
        assertTrue(snapshotsAfter.size() <= snapshotsBefore.size() + 1, "a retried snapshot was taken twice: "
                + snapshotsAfter + "; " + what);

        // What the result says, and that it matches.
        assertEquals(expectedOutcome(step, kind), result.outcome(), what);
        assertEquals(moduleHash, result.moduleHashAfter(), what);
        switch (result.outcome()) {
            case UPGRADED -> {
                assertEquals(newHash, moduleHash, what);
                assertEquals(kind.costsARetry(), listener.warnings.stream().anyMatch(w -> w.contains(" again")), what);
            }
            case REFUSED -> {
                assertEquals(oldHash, moduleHash, what);
                assertEquals(snapshotsBefore, snapshotsAfter, what);
                assertTrue(result.message().contains("stopped before installing anything")
                        && result.message().contains("violated contract") && result.message().contains("Nothing was changed"),
                        what);
            }
            case RESTORED -> {
                assertEquals(oldHash, moduleHash, what);
                assertTrue(result.message().contains("failed at " + step.pipelineStep + ": ")
                        && result.message().contains("violated contract")
                        && result.message().contains("restored from snapshot " + result.snapshotId()), what);
                assertTrue(snapshotsAfter.contains(result.snapshotId()), what);
            }
            case FAILED_NOT_RESTORED -> assertTrue(result.message().contains("Restoring snapshot " + result.snapshotId())
                    && result.message().contains("failed too") && result.message().contains("mvn ic:restore")
                    && result.message().contains("-Dic.snapshotId=" + result.snapshotId()), what);
            default -> throw new AssertionError("unexpected outcome: " + what);
        }
    }

    @Test
    void aHealthCheckFailingLongerThanTheClientRetriesIsTriedAgainAndTheLogSaysSo(@TempDir Path temp) throws Exception {
        Principal canister = ic.counterV1Canister(COUNTER);
        for (int nth = 1; nth <= RetryPolicy.DEFAULT.maxAttempts(); nth++) {
            faults.http5xx(Trigger.call("health", nth).onCanister(canister), 503, When.BEFORE_EXECUTION);
        }
        Listener listener = new Listener();

        UpgradeResult result = upgrade(canister, smallModule, listener, temp);

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(RetryPolicy.DEFAULT.maxAttempts(), firedOn(canister).size());
        assertTrue(listener.warnings.stream().anyMatch(w -> w.startsWith("Health check health failed (")
                && w.contains("HTTP 503") && w.contains("trying again")), listener.warnings.toString());
    }

    private static UpgradeResult upgrade(Principal canister, Path module, UpgradeListener listener, Path temp) {
        return new UpgradePipeline(listener, new IdentityLoader(temp), name -> null)
                .run(ic.config(canister, module).toBuilder().noOverwrite(true).healthCheck(HEALTH).build());
    }

    private static UpgradeOutcome expectedOutcome(Step step, FaultKind kind) {
        if (step == Step.RESTORE) {
            return kind.isFinal() ? UpgradeOutcome.FAILED_NOT_RESTORED : UpgradeOutcome.RESTORED;
        }
        if (!kind.isFinal()) {
            return UpgradeOutcome.UPGRADED;
        }
        return step.beforeAnyChange() ? UpgradeOutcome.REFUSED : UpgradeOutcome.RESTORED;
    }

    private static IcReject contractViolation(Principal canister) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0504", "Canister " + canister
                + " violated contract: fault injected by the test");
    }

    private static List<String> firedOn(Principal canister) {
        return faults.fired().stream().filter(f -> f.endsWith(" on " + canister)).toList();
    }

    /** The warnings a user reads in the Maven log (retries among them). */
    private static final class Listener implements UpgradeListener {
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void warn(String line) {
            warnings.add(line);
        }
    }
}
