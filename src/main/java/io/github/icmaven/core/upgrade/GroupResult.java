package io.github.icmaven.core.upgrade;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a run did to all its canisters, for the build result and the one JSON report.
 *
 * @param outcome the worst of the canisters' outcomes
 * @param message what happened, for the user: the failure and what was done about it
 * @param recovery what was done about an interrupted earlier run before this one started; null if nothing
 */
public record GroupResult(UpgradeOutcome outcome, String message, Instant startedAt, List<UpgradeResult> canisters,
        String recovery) {

    public GroupResult {
        canisters = List.copyOf(canisters);
    }

    /** Sums up the canisters' results; {@code failure} (may be null) leads the message of a failed run. */
    static GroupResult of(List<UpgradeResult> results, String failure, Instant startedAt) {
        UpgradeOutcome outcome = results.stream().map(UpgradeResult::outcome).max(Comparator.comparingInt(GroupResult::severity))
                .orElseThrow();
        if (outcome == UpgradeOutcome.CANCELLED) {
            outcome = UpgradeOutcome.REFUSED;
        }
        String message;
        if (results.size() == 1) {
            message = results.get(0).message();
        } else {
            message = (failure == null ? "" : failure + " ") + results.stream()
                    .map(r -> r.canister() + ": " + r.outcome()).collect(Collectors.joining(", ", "Canisters: ", "."));
        }
        return new GroupResult(outcome, message, startedAt, results, null);
    }

    GroupResult withRecovery(String recoveryMessage) {
        if (recoveryMessage == null) {
            return this;
        }
        return new GroupResult(outcome, recoveryMessage + " " + message, startedAt, canisters, recoveryMessage);
    }

    public boolean isFailure() {
        return outcome.isFailure();
    }

    /** The report's name: the canister, or the canisters joined by '+'. */
    public String name() {
        return canisters.stream().map(UpgradeResult::canister).collect(Collectors.joining("+"));
    }

    private static int severity(UpgradeOutcome outcome) {
        return switch (outcome) {
            case UNCHANGED -> 0;
            case DRY_RUN -> 1;
            case UPGRADED -> 2;
            case CANCELLED -> 3;
            case REFUSED -> 4;
            case RESTORED -> 5;
            case FAILED_NOT_RESTORED -> 6;
        };
    }
}
