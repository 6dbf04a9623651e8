package io.github.icmaven.core.upgrade;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.node.RoundLatency;
import io.github.icmaven.replica.http.ReplicaProxy;
import io.github.icmaven.replica.http.SequentialRounds;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestReplica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How many consensus rounds one canister's upgrade waits for, one after another: stop (with the snapshots listed
 * in the same round), snapshot, install, start. Preflight's status is a query and verify reads the certified
 * module hash, so neither waits for a round. Counted through a recording proxy in front of a replica whose rounds
 * last 150 ms, so calls in the same round visibly overlap.
 */
@Timeout(120)
class UpgradeRoundsTest {
    @RegisterExtension
    static final TestReplica ic = new TestReplica(RoundLatency.ofMillis(150));

    @Test
    void aGroupOfFiveInParallelWaitsForTheSameFourRounds(@TempDir Path temp) throws Exception {
        List<Principal> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(ic.counterV1Canister(i));
        }
        GroupResult result;
        List<ReplicaProxy.Exchange> exchanges;
        try (ReplicaProxy proxy = ReplicaProxy.recording(ic.url())) {
            List<UpgradeConfig> configs = five.stream().map(c -> UpgradeConfig.of(new TargetConfig(proxy.url().toString(),
                    c.toText(), null, null, IdentityConfig.pemFile(ic.pemFile())), TestCanisters.counterV2Path())).toList();
            result = new UpgradePipeline(UpgradeListener.SILENT).run(new GroupConfig(configs, temp));
            exchanges = proxy.exchanges();
        }

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(4, SequentialRounds.of(exchanges), "sequential update rounds: " + exchanges);
        for (int i = 0; i < 5; i++) {
            ic.assertRuns(five.get(i), TestCanisters.counterV2(), i);
        }
    }

    @Test
    void anUpgradeThatReplacesTheNewestSnapshotWaitsForFourRounds() throws Exception {
        Principal canister = ic.counterV1Canister(7);
        String previous = ic.client().takeCanisterSnapshot(canister, Optional.empty()).textId();
        Path wasm = TestCanisters.counterV2Path();
        UpgradeResult result;
        List<ReplicaProxy.Exchange> exchanges;
        try (ReplicaProxy proxy = ReplicaProxy.recording(ic.url())) {
            TargetConfig target = new TargetConfig(proxy.url().toString(), canister.toText(), null, null,
                    IdentityConfig.pemFile(ic.pemFile()));
            result = new UpgradePipeline(UpgradeListener.SILENT).run(UpgradeConfig.of(target, wasm));
            exchanges = proxy.exchanges();
        }

        assertEquals(UpgradeOutcome.UPGRADED, result.outcome(), result.message());
        assertEquals(4, SequentialRounds.of(exchanges), "sequential update rounds: " + exchanges);
        // stop, list_canister_snapshots, take_canister_snapshot, install_code, start: no canister_status update.
        assertEquals(5, SequentialRounds.calls(exchanges), "update calls: " + exchanges);
        ic.assertRuns(canister, TestCanisters.counterV2(), 7);
        List<String> snapshots = ic.snapshotIds(canister);
        assertEquals(List.of(result.snapshotId()), snapshots, "the newest snapshot was replaced");
        assertFalse(snapshots.contains(previous));
        assertTrue(result.steps().stream().anyMatch(s -> s.name().equals("verify")
                && s.message().contains("certified module hash " + result.moduleHashAfter())), result.steps().toString());
    }
}
