package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The safe upgrade of one canister or of several as one. Preflight checks every canister before anything
 * changes; then every canister is stopped and snapshotted; then each is installed, then started, then verified and
 * health-checked. Each phase runs for up to {@link GroupConfig#parallelism()} canisters at once and ends before the
 * next begins; with a canary, the first canisters go through all phases before the others start. If any step of
 * any canister fails, every canister whose install had started is restored from its snapshot (last listed first
 * when one at a time), and all are returned to the run state they were found in. A journal kept before each step
 * lets a later run finish or undo a run that died ({@link JournalRecovery}). Every run ends in a result; nothing
 * is thrown for failures the user can act on.
 */
public final class UpgradePipeline {
    private final UpgradeListener listener;
    private final IdentityLoader identityLoader;
    private final Function<String, String> environment;

    public UpgradePipeline(UpgradeListener listener) {
        this(listener, new IdentityLoader(), System::getenv);
    }

    /** @param environment looks up environment variables (the PEM variable); tests pass a map */
    public UpgradePipeline(UpgradeListener listener, IdentityLoader identityLoader, Function<String, String> environment) {
        this.listener = listener;
        this.identityLoader = identityLoader;
        this.environment = environment;
    }

    /** One canister, no journal. */
    public UpgradeResult run(UpgradeConfig config) {
        return run(GroupConfig.of(config, null)).canisters().get(0);
    }

    /**
     * Upgrades the group. When the journal directory holds the journal of an interrupted run, that run is
     * recovered first (finished or undone, and the listener told which); if it cannot be, nothing else happens.
     */
    public GroupResult run(GroupConfig group) {
        UpgradeJournal journal = group.journalDirectory() == null ? null : new UpgradeJournal(group.journalDirectory());
        String recovered = null;
        if (journal != null && journal.exists()) {
            if (group.dryRun()) {
                return refused(group, "An interrupted upgrade left its journal at " + journal.file() + "; a dry run "
                        + "does not recover it: run mvn ic:recover first.");
            }
            GroupResult recovery = new JournalRecovery(listener, identityLoader, environment)
                    .recover(journal, group.canisters().get(0).target());
            if (!JournalRecovery.recovered(recovery)) {
                return recovery;
            }
            recovered = recovery.message();
            listener.info(recovered);
        }
        List<CanisterUpgrade> canisters = new ArrayList<>();
        try {
            GroupRun run = new GroupRun(group, journal, canisters);
            return run.execute().withRecovery(recovered);
        } finally {
            canisters.forEach(CanisterUpgrade::close);
        }
    }

    private GroupResult refused(GroupConfig group, String message) {
        List<UpgradeResult> results = new ArrayList<>();
        for (UpgradeConfig config : group.canisters()) {
            results.add(new CanisterUpgrade(config, listener, "", StepRunner.StepObserver.NONE)
                    .result(UpgradeOutcome.REFUSED, message));
        }
        return new GroupResult(UpgradeOutcome.REFUSED, message, Instant.now(), results, null);
    }

    /** One run over the group: the phases, the journal, and the results in the listed order. */
    private final class GroupRun implements StepRunner.StepObserver {
        private final UpgradeJournal journal;
        private final List<CanisterUpgrade> canisters;
        private final Map<CanisterUpgrade, UpgradeResult> results = new LinkedHashMap<>();
        private final Instant startedAt = Instant.now();
        private final String network;
        private final boolean dryRun;
        private final PhaseRunner phases;
        private final int canary;
        private List<CanisterUpgrade> changing = List.of();
        private volatile UpgradeJournal.Phase phase = UpgradeJournal.Phase.PREPARE;
        private UpgradeJournal.Contents written;

        GroupRun(GroupConfig group, UpgradeJournal journal, List<CanisterUpgrade> canisters) {
            this.journal = journal;
            this.canisters = canisters;
            this.network = group.canisters().get(0).target().network();
            boolean several = group.canisters().size() > 1;
            this.dryRun = group.dryRun();
            this.phases = new PhaseRunner(group.parallelism());
            this.canary = group.canary();
            UpgradeListener lines = new SerializedListener(listener);
            for (UpgradeConfig config : group.canisters()) {
                CanisterUpgrade canister = new CanisterUpgrade(config, lines, several ? CanisterUpgrade.requestedCanister(config) + ": " : "", this);
                canisters.add(canister);
                results.put(canister, null);
            }
        }

        GroupResult execute() {
            if (journal != null && !dryRun) {
                // The journal is first written right before the stop. In a fresh JVM, as every mvn deploy is, loading
                // the JSON mapper then cost a tenth of a second between two rounds: load it while preflight waits.
                InBackground.start("ic-json-load", () -> Json.write(Map.of("preflight", List.of(1L, "", true))));
            }
            List<Optional<String>> preflights = phases.runAll(canisters, c -> c.preflight(identityLoader, environment));
            Map<CanisterUpgrade, String> refusals = new LinkedHashMap<>();
            Map<String, CanisterUpgrade> byId = new LinkedHashMap<>();
            for (int i = 0; i < canisters.size(); i++) {
                CanisterUpgrade canister = canisters.get(i);
                Optional<String> refusal = preflights.get(i);
                if (refusal.isEmpty() && byId.putIfAbsent(canister.canisterId(), canister) != null) {
                    refusal = Optional.of(canister.describe() + " is listed twice in <canisters>: list each canister once");
                }
                refusal.ifPresent(why -> refusals.put(canister, canisters.size() > 1 && !why.startsWith(canister.describe())
                        ? "Canister " + canister.describe() + ": " + why : why));
            }
            if (!refusals.isEmpty()) {
                String why = "Not upgraded because " + String.join(", ", refusals.keySet().stream()
                        .map(CanisterUpgrade::describe).toList()) + " failed preflight.";
                canisters.forEach(c -> results.put(c, refusals.containsKey(c)
                        ? c.result(UpgradeOutcome.REFUSED, refusals.get(c)) : c.cancelled(why)));
                return finish(refusals.values().iterator().next());
            }
            changing = canisters.stream().filter(c -> !c.alreadyUpToDate()).toList();
            canisters.stream().filter(CanisterUpgrade::alreadyUpToDate).forEach(c -> results.put(c, c.unchanged()));
            if (changing.isEmpty()) {
                return finish(null);
            }
            if (dryRun) {
                changing.forEach(c -> results.put(c, c.dryRun()));
                return finish(null);
            }
            try {
                return upgrade();
            } finally {
                deleteJournal();
            }
        }

        /** The canaries' wave first, through every phase, then the rest's. */
        private GroupResult upgrade() {
            List<List<CanisterUpgrade>> waves = canary > 0 && canary < changing.size()
                    ? List.of(changing.subList(0, canary), changing.subList(canary, changing.size()))
                    : List.of(changing);
            for (List<CanisterUpgrade> wave : waves) {
                Map<CanisterUpgrade, Exception> failures = phases.runUntilFailure(wave, CanisterUpgrade::stopAndSnapshot);
                if (failures.isEmpty()) {
                    phase = UpgradeJournal.Phase.CHANGE;
                    failures = change(wave);
                }
                if (!failures.isEmpty()) {
                    return putBack(failures);
                }
            }
            changing.forEach(c -> results.put(c, c.upgraded()));
            return finish(null);
        }

        private Map<CanisterUpgrade, Exception> change(List<CanisterUpgrade> wave) {
            for (PhaseRunner.Action step : List.<PhaseRunner.Action>of(CanisterUpgrade::install, CanisterUpgrade::start,
                    CanisterUpgrade::verifyAndCheck)) {
                Map<CanisterUpgrade, Exception> failures = phases.runUntilFailure(wave, step);
                if (!failures.isEmpty()) {
                    return failures;
                }
            }
            return Map.of();
        }

        /**
         * Every canister whose install had started is restored from its snapshot, the others are returned to the
         * run state they were found in; the last listed goes first when one at a time.
         */
        private GroupResult putBack(Map<CanisterUpgrade, Exception> failures) {
            CanisterUpgrade failed = failures.keySet().iterator().next();
            String failure = failed.failure(failures.get(failed));
            boolean anyChanged = changing.stream().anyMatch(CanisterUpgrade::installAttempted);
            String becauseOf;
            if (anyChanged) {
                phase = UpgradeJournal.Phase.ROLLBACK;
                writeJournal();
                listener.warn(failure + (changing.size() > 1 ? " Rolling every changed canister back." : " Rolling back."));
                becauseOf = "Rolled back because " + failed.failureInShort();
            } else {
                becauseOf = "Not upgraded because " + failed.failureInShort();
            }
            List<CanisterUpgrade> lastFirst = new ArrayList<>(changing);
            Collections.reverse(lastFirst);
            List<UpgradeResult> putBack = phases.runAll(lastFirst, canister -> {
                Exception own = failures.get(canister);
                if (canister.installAttempted()) {
                    return canister.rollBack(own == null ? becauseOf : canister.failure(own));
                }
                return own == null ? canister.cancelled(becauseOf) : canister.failedBeforeChange(own);
            });
            for (int i = 0; i < lastFirst.size(); i++) {
                results.put(lastFirst.get(i), putBack.get(i));
            }
            return finish(failure);
        }

        private GroupResult finish(String failure) {
            return GroupResult.of(List.copyOf(results.values()), failure, startedAt);
        }

        @Override
        public void before(String step) {
            writeJournal();
        }

        @Override
        public void after(String step) {
            writeJournal();
        }

        /**
         * Before the first change there is nothing to recover: preflight writes no journal. Canisters in parallel
         * write it one at a time, each write holding every canister's latest state.
         */
        private synchronized void writeJournal() {
            if (journal == null || changing.isEmpty()) {
                return;
            }
            List<UpgradeJournal.Entry> entries = changing.stream().map(CanisterUpgrade::journalEntry).toList();
            UpgradeJournal.Contents contents = new UpgradeJournal.Contents(startedAt, network, phase, entries);
            if (contents.equals(written)) {
                return; // most steps change nothing the journal holds when they end: spare the fsync
            }
            try {
                journal.write(contents);
                written = contents;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the crash journal " + journal.file() + ": " + e.getMessage(), e);
            }
        }

        private void deleteJournal() {
            if (journal == null) {
                return;
            }
            try {
                journal.delete();
            } catch (IOException e) {
                listener.warn("Could not delete the crash journal " + journal.file() + " (" + e.getMessage()
                        + "): delete it, or the next run will try to recover this finished one.");
            }
        }
    }
}
