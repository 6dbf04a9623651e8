package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.identity.IdentityLoader;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finishes or undoes a run that died mid-upgrade, from the journal it left:
 * <ul>
 * <li>nothing installed yet: the canisters are returned to the run state they were found in;</li>
 * <li>every canister already runs its new module: the run is finished (start, verify, health check), and
 * undone if that fails;</li>
 * <li>otherwise (some installed, some not, or a rollback under way): every canister whose install had started
 * is restored from its snapshot, in reverse order, and all are returned to their run state.</li>
 * </ul>
 * Every action is safe to repeat, so a recovery that dies is recovered by the next one; the journal is
 * deleted only when the recovery ended.
 */
public final class JournalRecovery {
    private final UpgradeListener listener;
    private final IdentityLoader identityLoader;
    private final Function<String, String> environment;

    public JournalRecovery(UpgradeListener listener, IdentityLoader identityLoader, Function<String, String> environment) {
        this.listener = listener;
        this.identityLoader = identityLoader;
        this.environment = environment;
    }

    /**
     * Recovers the run recorded in {@code journal}, signing as {@code access}'s identity on {@code access}'s
     * network (the canister fields of {@code access} are ignored: the journal names the canisters).
     */
    public GroupResult recover(UpgradeJournal journal, TargetConfig access) {
        Instant startedAt = Instant.now();
        UpgradeJournal.Contents contents;
        try {
            contents = journal.read();
        } catch (IOException e) {
            return refused(startedAt, CandidInput.oneLine(e.getMessage()));
        }
        String mismatch = networkMismatch(contents.network(), access.network());
        if (mismatch != null) {
            return refused(startedAt, mismatch);
        }
        listener.warn("Found the journal of an upgrade interrupted at " + contents.startedAt() + " (" + journal.file()
                + "): recovering " + describe(contents.entries()) + ".");
        List<Recovering> canisters = new ArrayList<>();
        try {
            for (UpgradeJournal.Entry entry : contents.entries()) {
                canisters.add(new Recovering(entry, IcSession.open(new TargetConfig(access.network(), entry.canisterId(),
                        null, null, access.identity(), access.rootKey()), identityLoader, environment, listener::warn)));
            }
            GroupResult result = recover(contents, canisters, startedAt);
            if (recovered(result)) {
                journal.delete();
            }
            return result;
        } catch (InputException e) {
            return refused(startedAt, e.getMessage());
        } catch (IOException e) {
            return refused(startedAt, "the recovery ended but the journal could not be deleted: " + e.getMessage());
        } finally {
            canisters.forEach(c -> c.session.close());
        }
    }

    private GroupResult recover(UpgradeJournal.Contents contents, List<Recovering> canisters, Instant startedAt) {
        boolean anyInstalled = canisters.stream().anyMatch(c -> c.entry.installAttempted());
        if (!anyInstalled) {
            List<UpgradeResult> results = canisters.stream().map(Recovering::returnToFoundState).toList();
            return summed(results, "Nothing had been installed by the interrupted upgrade; its canisters were "
                    + "returned to the state they were found in.", startedAt);
        }
        if (contents.phase() != UpgradeJournal.Phase.ROLLBACK && canisters.stream().allMatch(Recovering::runsNewModule)) {
            Map<Recovering, UpgradeResult> finished = new LinkedHashMap<>();
            for (Recovering c : canisters) {
                try {
                    finished.put(c, c.finish());
                } catch (Exception e) {
                    String failure = "Finishing the interrupted upgrade failed: " + c.label() + " at " + c.step
                            + ": " + CandidInput.oneLine(e.getMessage()) + ".";
                    return summed(restoreAll(canisters, failure), failure + " Its canisters were restored from their "
                            + "snapshots.", startedAt);
                }
            }
            return summed(List.copyOf(finished.values()), "The interrupted upgrade had installed every new module; "
                    + "it was finished: " + describe(contents.entries()) + " run the new modules.", startedAt);
        }
        String why = "The interrupted upgrade had not finished installing (" + describeSteps(canisters) + ").";
        return summed(restoreAll(canisters, why), why + " Its canisters were restored from their snapshots.", startedAt);
    }

    /** Reverse order: the last one changed goes back first. Results come back in the journal's order. */
    private List<UpgradeResult> restoreAll(List<Recovering> canisters, String why) {
        Map<Recovering, UpgradeResult> results = new LinkedHashMap<>();
        canisters.forEach(c -> results.put(c, null));
        for (int i = canisters.size() - 1; i >= 0; i--) {
            Recovering c = canisters.get(i);
            results.put(c, c.entry.installAttempted() || !c.runsOldModule() ? c.restore(why) : c.returnToFoundState());
        }
        return List.copyOf(results.values());
    }

    private static GroupResult summed(List<UpgradeResult> results, String what, Instant startedAt) {
        GroupResult sum = GroupResult.of(results, what, startedAt);
        boolean failed = sum.outcome() == UpgradeOutcome.FAILED_NOT_RESTORED;
        // Canisters returned as found make the whole recovery CANCELLED: the interrupted run was called off.
        UpgradeOutcome outcome = sum.outcome() == UpgradeOutcome.REFUSED ? UpgradeOutcome.CANCELLED : sum.outcome();
        return new GroupResult(outcome, failed ? sum.message() : what, startedAt, results, null);
    }

    /** The journal could not be acted on; it is kept. */
    private static GroupResult refused(Instant startedAt, String why) {
        String message = "Could not recover the interrupted upgrade: " + why;
        return new GroupResult(UpgradeOutcome.REFUSED, message, startedAt, List.of(), null);
    }

    /** False when the recovery was refused or a canister could not be restored: the journal is kept. */
    public static boolean recovered(GroupResult recovery) {
        return recovery.outcome() != UpgradeOutcome.REFUSED && recovery.outcome() != UpgradeOutcome.FAILED_NOT_RESTORED;
    }

    /** Recovery must act on the network the journal was written for; a URL may change (a local port). */
    private static String networkMismatch(String journalNetwork, String configured) {
        boolean journalMainnet = IcNetwork.MAINNET.equals(journalNetwork);
        boolean configuredMainnet = IcNetwork.MAINNET.equals(configured);
        if (journalMainnet == configuredMainnet) {
            return null;
        }
        return "the journal was written for network '" + journalNetwork + "' but " + ParameterName.NETWORK + " is '"
                + configured + "'; run the recovery with -Dic.network=" + journalNetwork;
    }

    private static String describe(List<UpgradeJournal.Entry> entries) {
        return String.join(", ", entries.stream().map(e -> e.canister().equals(e.canisterId()) ? e.canister()
                : e.canister() + " (" + e.canisterId() + ")").toList());
    }

    private static String describeSteps(List<Recovering> canisters) {
        return String.join(", ", canisters.stream().map(c -> c.label() + " at " + c.entry.step()).toList());
    }

    /** One canister of the journal, with its own session and step records. */
    private final class Recovering {
        private final UpgradeJournal.Entry entry;
        private final IcSession session;
        private final CanisterControl control;
        private final StepRunner steps;
        private final Instant startedAt = Instant.now();
        private String step = "status";
        private String moduleHashNow;

        Recovering(UpgradeJournal.Entry entry, IcSession session) {
            this.entry = entry;
            this.session = session;
            this.control = new CanisterControl(session);
            this.steps = new StepRunner(listener, session.canisterLabel() + ": ", StepRunner.StepObserver.NONE);
            this.moduleHashNow = control.currentModuleHash();
        }

        String label() {
            return entry.canister();
        }

        boolean wasRunning() {
            return entry.foundStatus() == CanisterRunStatus.RUNNING;
        }

        boolean runsNewModule() {
            return Objects.equals(moduleHashNow, entry.newModuleHash());
        }

        boolean runsOldModule() {
            return Objects.equals(moduleHashNow, entry.moduleHashBefore());
        }

        /** Start (if it was running), verify, health check: what the interrupted run had left to do. */
        UpgradeResult finish() throws Exception {
            step = "start";
            if (wasRunning()) {
                steps.run("start", () -> {
                    control.returnToRunState(true);
                    return "running";
                });
            }
            step = "verify";
            steps.run("verify", () -> {
                CanisterStatus now = session.client().canisterStatus(session.canister());
                moduleHashNow = now.moduleHashHex().orElse(null);
                if (!runsNewModule()) {
                    throw new StepFailure("the canister reports module " + moduleHashNow + ", not the new "
                            + entry.newModuleHash());
                }
                return "module " + moduleHashNow + ", " + now.status().name().toLowerCase();
            });
            step = "health-check";
            HealthCheck check = HealthCheck.prepare(entry.healthCheck());
            if (check != null && wasRunning()) {
                steps.run("health-check", () -> check.run(session.client(), session.canister(), listener));
            }
            return result(UpgradeOutcome.UPGRADED, "Finished the interrupted upgrade of " + session.describeCanister()
                    + ": module " + moduleHashNow + " runs.");
        }

        UpgradeResult restore(String why) {
            if (entry.snapshotId() == null) {
                String state = returnToRunState();
                moduleHashNow = control.currentModuleHash();
                return result(runsOldModule() ? UpgradeOutcome.CANCELLED : UpgradeOutcome.FAILED_NOT_RESTORED, why
                        + " " + session.describeCanister() + " has no snapshot from that run, so nothing could be "
                        + "restored; it has module " + moduleHashNow + state);
            }
            SnapshotId snapshot = SnapshotId.fromText(entry.snapshotId());
            try {
                steps.run("restore", () -> control.restoreSnapshot(snapshot, wasRunning(), entry.moduleHashBefore()));
            } catch (Exception e) {
                String state = returnToRunState();
                moduleHashNow = control.currentModuleHash();
                return result(UpgradeOutcome.FAILED_NOT_RESTORED, why + " Restoring snapshot " + snapshot + " of "
                        + session.describeCanister() + " failed: " + CandidInput.oneLine(e.getMessage())
                        + ". Run mvn ic:recover again, or restore it by hand: mvn ic:restore -Dic.canisterId="
                        + session.canister() + " -Dic.snapshotId=" + snapshot + state);
            }
            moduleHashNow = entry.moduleHashBefore();
            return result(UpgradeOutcome.RESTORED, why + " " + session.describeCanister() + " was restored from snapshot "
                    + snapshot + ": module " + moduleHashNow + " runs again.");
        }

        UpgradeResult returnToFoundState() {
            String state = returnToRunState();
            return result(UpgradeOutcome.CANCELLED, session.describeCanister() + " was not changed by the interrupted "
                    + "upgrade; it has module " + moduleHashNow + state);
        }

        private String returnToRunState() {
            try {
                steps.run("start", () -> {
                    control.returnToRunState(wasRunning());
                    return wasRunning() ? "running" : "left stopped, as found";
                });
                return wasRunning() ? " and is running." : " and is stopped, as found.";
            } catch (Exception e) {
                return "; starting it failed (" + CandidInput.oneLine(e.getMessage()) + "): start it by hand.";
            }
        }

        private UpgradeResult result(UpgradeOutcome outcome, String message) {
            return new UpgradeResult(entry.canister(), entry.canisterId(), session.network().name(), outcome,
                    entry.moduleHashBefore(), moduleHashNow, entry.newModuleHash(), entry.snapshotId(), startedAt,
                    steps.records(), message, null);
        }
    }
}
