package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.identity.IdentityLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The safe upgrade of one canister or of several as one. Preflight checks every canister before anything
 * changes; then each is stopped and snapshotted, in the listed order; then each is installed, started, verified
 * and health-checked. If any step of any canister fails after the snapshots, every canister whose install had
 * started is restored from its snapshot, in reverse order, and all are returned to the run state they were
 * found in. A journal kept before each step lets a later run finish or undo a run that died
 * ({@link JournalRecovery}). Every run ends in a result; nothing is thrown for failures the user can act on.
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
        private List<CanisterUpgrade> changing = List.of();
        private UpgradeJournal.Phase phase = UpgradeJournal.Phase.PREPARE;
        private UpgradeJournal.Contents written;

        GroupRun(GroupConfig group, UpgradeJournal journal, List<CanisterUpgrade> canisters) {
            this.journal = journal;
            this.canisters = canisters;
            this.network = group.canisters().get(0).target().network();
            boolean several = group.canisters().size() > 1;
            this.dryRun = group.dryRun();
            for (UpgradeConfig config : group.canisters()) {
                CanisterUpgrade canister = new CanisterUpgrade(config, listener, several ? CanisterUpgrade.requestedCanister(config) + ": " : "", this);
                canisters.add(canister);
                results.put(canister, null);
            }
        }

        GroupResult execute() {
            Map<CanisterUpgrade, String> refusals = new LinkedHashMap<>();
            Map<String, CanisterUpgrade> byId = new LinkedHashMap<>();
            for (CanisterUpgrade canister : canisters) {
                Optional<String> refusal = canister.preflight(identityLoader, environment);
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

        private GroupResult upgrade() {
            for (int i = 0; i < changing.size(); i++) {
                CanisterUpgrade canister = changing.get(i);
                try {
                    canister.stopAndSnapshot();
                } catch (Exception e) {
                    results.put(canister, canister.failedBeforeChange(e));
                    String why = "Not upgraded because " + canister.failureInShort();
                    for (int j = i - 1; j >= 0; j--) {
                        results.put(changing.get(j), changing.get(j).cancelled(why));
                    }
                    changing.subList(i + 1, changing.size()).forEach(c -> results.put(c, c.cancelled(why)));
                    return finish(canister.failure(e));
                }
            }
            phase = UpgradeJournal.Phase.CHANGE;
            CanisterUpgrade current = null;
            try {
                for (CanisterUpgrade canister : changing) {
                    current = canister;
                    canister.install();
                }
                for (CanisterUpgrade canister : changing) {
                    current = canister;
                    canister.start();
                }
                for (CanisterUpgrade canister : changing) {
                    current = canister;
                    canister.verifyAndCheck();
                }
            } catch (Exception e) {
                return rollBack(Objects.requireNonNull(current), e);
            }
            changing.forEach(c -> results.put(c, c.upgraded()));
            return finish(null);
        }

        /** Reverse order: the canister changed last goes back first. */
        private GroupResult rollBack(CanisterUpgrade failed, Exception cause) {
            phase = UpgradeJournal.Phase.ROLLBACK;
            writeJournal();
            String failure = failed.failure(cause);
            listener.warn(failure + (changing.size() > 1 ? " Rolling every canister back, last changed first." : " Rolling back."));
            String becauseOf = "Rolled back because " + failed.failureInShort();
            for (int i = changing.size() - 1; i >= 0; i--) {
                CanisterUpgrade canister = changing.get(i);
                String why = canister == failed ? failure : becauseOf;
                results.put(canister, canister.installAttempted() ? canister.rollBack(why) : canister.cancelled(why));
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

        /** Before the first change there is nothing to recover: preflight writes no journal. */
        private void writeJournal() {
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
