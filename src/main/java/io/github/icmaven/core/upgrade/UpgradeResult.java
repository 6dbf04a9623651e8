package io.github.icmaven.core.upgrade;

import java.time.Instant;
import java.util.List;

/**
 * What an upgrade run did, for the build result and the JSON report.
 *
 * @param canister the canister as the user named it
 * @param canisterId its principal text, null if it could not be resolved
 * @param network the network name or URL, null if it could not be resolved
 * @param moduleHashBefore hex, null if unknown
 * @param moduleHashAfter hex, null if unknown
 * @param snapshotId the snapshot taken for this run, null without one
 * @param message one line (or a few) for the user: what happened, what was restored, what to do
 * @param wasmArtifact the Maven coordinates the new module was resolved from, null for a module file
 */
public record UpgradeResult(String canister, String canisterId, String network, UpgradeOutcome outcome,
        String moduleHashBefore, String moduleHashAfter, String newModuleHash, String snapshotId, Instant startedAt,
        List<StepRecord> steps, String message, String wasmArtifact) {

    public UpgradeResult {
        steps = List.copyOf(steps);
    }

    public boolean isFailure() {
        return outcome.isFailure();
    }
}
