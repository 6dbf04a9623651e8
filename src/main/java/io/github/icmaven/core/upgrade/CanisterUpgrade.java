package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.core.ic.WasmMemoryPersistence;
import io.github.icmaven.core.ic.identity.IdentityLoader;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One canister's part in an upgrade run: what preflight found, the steps that change it, and the way back to
 * the state it was found in. {@link UpgradePipeline} decides the order of the steps across canisters.
 */
final class CanisterUpgrade implements AutoCloseable {
    static final String EOP_METADATA = "enhanced-orthogonal-persistence";

    private final UpgradeConfig config;
    private final UpgradeListener listener;
    private final StepRunner steps;
    private final Instant startedAt = Instant.now();

    private IcSession session;
    private CanisterControl control;
    private WasmModule module;
    private byte[] arg;
    private HealthCheck healthCheck;
    private PreservedValues preserved;
    private PreUpgradeBackup backup;
    private CanisterStatus found;
    private InstallMode mode;
    private Optional<SnapshotId> snapshotToReplace = Optional.empty();
    // Read by the journal from other canisters' threads.
    private volatile SnapshotId snapshot;
    private boolean stopStepRan;
    private boolean wasRunning;
    private volatile boolean installAttempted;
    private String moduleHashAfter;
    private volatile String currentStep = "preflight";

    /**
     * @param messagePrefix put before step messages (the canister's name in a group, empty alone)
     * @param journal told before and after each step, after this object noted the step
     */
    CanisterUpgrade(UpgradeConfig config, UpgradeListener listener, String messagePrefix, StepRunner.StepObserver journal) {
        this.config = config;
        this.listener = listener;
        this.steps = new StepRunner(listener, messagePrefix, new StepRunner.StepObserver() {
            @Override
            public void before(String step) throws Exception {
                currentStep = step;
                journal.before(step);
            }

            @Override
            public void after(String step) throws Exception {
                journal.after(step);
            }
        });
    }

    UpgradeConfig config() {
        return config;
    }

    /** Checks everything, changes nothing. @return why the canister cannot be upgraded, or empty */
    Optional<String> preflight(IdentityLoader identityLoader, Function<String, String> environment) {
        try {
            steps.run("preflight", () -> checkAndPlan(identityLoader, environment));
            return Optional.empty();
        } catch (InputException | RefusedException | IncompatibleUpgradeException e) {
            return Optional.of(e.getMessage());
        } catch (Exception e) {
            return Optional.of("Preflight of " + requestedCanister() + " failed, nothing was changed: "
                    + CandidInput.oneLine(e.getMessage()));
        }
    }

    private String checkAndPlan(IdentityLoader identityLoader, Function<String, String> environment) throws Exception {
        // Independent work side by side: the module is read and hashed while the identity loads and the network
        // answers, and the module's metadata is read while the status query is in flight.
        InBackground<WasmModule> reading = InBackground.start("ic-read-wasm", () -> WasmModule.read(config.wasm()));
        try {
            arg = CandidInput.upgradeArgument(config.arg(), config.argHex(), config.argFile());
            healthCheck = HealthCheck.prepare(config.healthCheck());
            preserved = PreservedValues.prepare(config.preserve());
            backup = PreUpgradeBackup.prepare(config);
            session = IcSession.open(config.target(), identityLoader, environment, listener::warn);
        } finally {
            module = reading.join(); // a problem with the module is reported first, as it is checked first
        }
        InBackground<Optional<byte[]>> eopMetadata = config.wasmMemoryPersistence() == PersistenceChoice.AUTO
                ? InBackground.start("ic-read-metadata", () -> session.client().readCanisterMetadata(session.canister(),
                        EOP_METADATA))
                : null;
        control = new CanisterControl(session);
        found = control.statusAsController();
        if (found.moduleHash().isEmpty()) {
            throw new RefusedException(session.describeCanister() + " has no code installed: ic:upgrade only "
                    + "upgrades installed canisters; install it first (e.g. with icp deploy or dfx deploy)");
        }
        String compatibility = hashBefore().equals(module.sha256Hex()) ? ""
                : new CompatibilityCheck(config, listener, session.describeCanister())
                        .run(module, name -> session.client().readCanisterMetadata(session.canister(), name));
        mode = InstallMode.upgrade(config.skipPreUpgrade(), persistence(eopMetadata));
        if (!config.skipSnapshot() && config.noOverwrite()) {
            // Refused at the snapshot limit before anything changes: worth a round of its own. Without
            // noOverwrite the snapshot to replace is chosen from a list taken in the stop's round.
            checkRoomForSnapshot(session.client().listCanisterSnapshots(session.canister()));
        }
        return session.describeCanister() + " on " + session.network().name() + " is " + found.status().name()
                .toLowerCase() + ", module " + hashBefore() + "; new module " + module.sha256Hex()
                + " (" + module.bytes().length + " bytes" + (module.gzipped() ? ", gzip" : "") + "); signing as "
                + session.identity().principal() + " from " + session.identity().source()
                + (compatibility.isEmpty() ? "" : "; " + compatibility);
    }

    private WasmMemoryPersistence persistence(InBackground<Optional<byte[]>> eopMetadata) throws Exception {
        switch (config.wasmMemoryPersistence()) {
            case KEEP:
                return WasmMemoryPersistence.KEEP;
            case REPLACE:
                guardMemoryWipe();
                return WasmMemoryPersistence.REPLACE;
            default:
                break;
        }
        try {
            if (eopMetadata.join().isPresent()) {
                listener.info("The installed module of " + session.describeCanister() + " uses enhanced orthogonal "
                        + "persistence: upgrading with wasm_memory_persistence = keep");
                return WasmMemoryPersistence.KEEP;
            }
        } catch (IcCallException e) {
            listener.warn("Could not read the module's metadata (" + CandidInput.oneLine(e.getMessage())
                    + "); upgrading without wasm_memory_persistence. Set " + ParameterName.WASM_MEMORY_PERSISTENCE
                    + " if the canister uses enhanced orthogonal persistence.");
        }
        return WasmMemoryPersistence.NONE;
    }

    /**
     * {@code replace} on a canister with enhanced orthogonal persistence starts the new module on an empty heap:
     * every variable, stable ones too, is gone. Only with {@code allowMemoryWipe}.
     */
    private void guardMemoryWipe() throws RefusedException {
        boolean orthogonal;
        try {
            orthogonal = session.client().readCanisterMetadata(session.canister(), EOP_METADATA).isPresent();
        } catch (IcCallException e) {
            if (config.allowMemoryWipe()) {
                return;
            }
            throw new RefusedException("Could not read the module metadata of " + session.describeCanister() + " ("
                    + CandidInput.oneLine(e.getMessage()) + ") to tell whether " + ParameterName.WASM_MEMORY_PERSISTENCE
                    + " = replace erases all of its state: refused. Set " + ParameterName.ALLOW_MEMORY_WIPE
                    + " if it may.");
        }
        if (!orthogonal) {
            return;
        }
        String erases = session.describeCanister() + " uses enhanced orthogonal persistence: "
                + ParameterName.WASM_MEMORY_PERSISTENCE + " = replace erases all of the canister's state (its whole "
                + "heap, every stable variable)";
        if (!config.allowMemoryWipe()) {
            throw new RefusedException(erases + ". Refused, nothing was changed. Use keep (or auto) to upgrade, or set "
                    + ParameterName.ALLOW_MEMORY_WIPE + " to wipe it on purpose.");
        }
        listener.warn(erases + "; " + ParameterName.ALLOW_MEMORY_WIPE + " is set, so it will be wiped.");
    }

    private void checkRoomForSnapshot(List<SnapshotInfo> existing) throws RefusedException {
        if (existing.size() >= CanisterControl.MAX_SNAPSHOTS) {
            throw new RefusedException(control.snapshotLimitMessage(existing,
                    "noOverwrite forbids replacing one, so the upgrade was not started and nothing changed"));
        }
    }

    /** Without noOverwrite the snapshot replaces the newest existing one (one rolling upgrade snapshot). */
    private boolean replacesASnapshot() {
        return !config.skipSnapshot() && !config.noOverwrite();
    }

    private static Optional<SnapshotId> newest(List<SnapshotInfo> existing) {
        return existing.stream().max(Comparator.comparing(SnapshotInfo::takenAt)
                .thenComparing(s -> s.id().toHex())).map(SnapshotInfo::id);
    }

    /** True when the canister already runs the new module and {@code force} is off: nothing to do. */
    boolean alreadyUpToDate() {
        return hashBefore().equals(module.sha256Hex()) && !config.force();
    }

    UpgradeResult unchanged() {
        moduleHashAfter = hashBefore();
        String message = session.describeCanister() + " already runs this module (" + hashBefore()
                + "); nothing to do. Set " + ParameterName.FORCE + " to upgrade anyway.";
        listener.info(message);
        return result(UpgradeOutcome.UNCHANGED, message);
    }

    UpgradeResult dryRun() {
        listener.info("Dry run, nothing changes. The plan for " + session.describeCanister() + ":");
        listener.info("  stop: " + (found.status() == CanisterRunStatus.STOPPED ? "already stopped" : "stop the canister"));
        listener.info("  snapshot: " + (config.skipSnapshot() ? "none (skipSnapshot)" : plannedSnapshot()));
        if (backup != null) {
            listener.info("  backup: " + backup.plan());
        }
        listener.info("  install: upgrade to " + module.sha256Hex() + ", " + (CodeInstaller.needsChunks(module, arg)
                ? CodeInstaller.chunkCount(module) + " chunks" : "one message") + ", wasm_memory_persistence "
                + mode.wasmMemoryPersistence().name().toLowerCase() + (mode.skipPreUpgrade() ? ", skip pre_upgrade" : ""));
        listener.info("  start: " + (found.status() == CanisterRunStatus.RUNNING ? "start again" : "leave stopped"));
        listener.info("  health-check: " + (healthCheck == null ? "none" : healthCheck.describe()));
        listener.info("  preserve: " + (preserved == null ? "none" : preserved.describe() + ", before the stop and after the start"));
        String message = "Dry run: " + session.describeCanister() + " would be upgraded from " + hashBefore() + " to "
                + module.sha256Hex();
        listener.info(message);
        return result(UpgradeOutcome.DRY_RUN, message);
    }

    private String plannedSnapshot() {
        if (!replacesASnapshot()) {
            return "take a new snapshot";
        }
        try {
            return newest(session.client().listCanisterSnapshots(session.canister())).map(id -> "replace " + id)
                    .orElse("take a new snapshot");
        } catch (IcCallException e) {
            return "replace the newest snapshot, if there is one (listing them failed: "
                    + CandidInput.oneLine(e.getMessage()) + ")";
        }
    }

    // ---- the steps that change the canister ----

    /**
     * Stop, then snapshot (unless skipSnapshot) and its off-chain backup (with backupDirectory): after this the
     * canister can be put back as it was.
     */
    void stopAndSnapshot() throws Exception {
        readPreservedValues();
        stopStepRan = true;
        steps.run("stop", () -> {
            // The snapshots are listed while the stop is in flight: both land in the same consensus round.
            InBackground<List<SnapshotInfo>> existing = replacesASnapshot() ? InBackground.start("ic-list-snapshots",
                    () -> session.client().listCanisterSnapshots(session.canister())) : null;
            wasRunning = control.stopIfRunning(found);
            if (existing != null) {
                snapshotToReplace = newest(existing.join());
            }
            return found.status() == CanisterRunStatus.STOPPED ? "was already stopped" : "stopped";
        });
        if (config.skipSnapshot()) {
            steps.skip("snapshot", "skipSnapshot: nothing can be restored if the upgrade fails");
            listener.warn("No snapshot of " + session.describeCanister() + " (" + ParameterName.SKIP_SNAPSHOT
                    + "): if the upgrade fails, nothing can be restored.");
            return;
        }
        steps.run("snapshot", () -> {
            SnapshotInfo taken = session.client().takeCanisterSnapshot(session.canister(), snapshotToReplace);
            snapshot = taken.id();
            return "took " + taken.textId() + snapshotToReplace.map(id -> ", replacing " + id).orElse("")
                    + " (" + taken.totalSize() + " bytes)";
        });
        if (backup != null) {
            steps.run("backup", () -> backup.download(session, listener, snapshot));
        }
    }

    void install() throws Exception {
        installAttempted = true;
        steps.run("install", () -> new CodeInstaller(session.client(), listener).install(session.canister(), mode, module, arg)
                + ", wasm_memory_persistence " + mode.wasmMemoryPersistence().name().toLowerCase());
    }

    void start() throws Exception {
        if (!wasRunning) {
            steps.skip("start", "the canister was stopped before the upgrade; it stays stopped");
            return;
        }
        steps.run("start", () -> {
            session.client().startCanister(session.canister());
            return "running";
        });
    }

    /**
     * Checks the certified state tree shows the new module (read_state: no consensus round), then runs the health
     * check if there is one.
     */
    void verifyAndCheck() throws Exception {
        steps.run("verify", () -> {
            moduleHashAfter = session.client().certifiedModuleHash(session.canister()).map(CanisterControl::hex)
                    .orElse(null);
            if (!module.sha256Hex().equals(moduleHashAfter)) {
                throw new StepFailure("the certified state shows module " + moduleHashAfter + ", not the new "
                        + module.sha256Hex());
            }
            return "certified module hash " + moduleHashAfter;
        });
        if (healthCheck == null) {
            steps.skip("health-check", "no healthMethod set");
        } else if (!wasRunning) {
            steps.skip("health-check", "the canister stays stopped, so it cannot answer");
        } else {
            steps.run("health-check", () -> healthCheck.run(session.client(), session.canister(), listener));
        }
        if (preserved != null && wasRunning) {
            steps.run("check-values", () -> preserved.compare(session.client(), session.canister()));
        }
    }

    /** The {@code preserve} queries' replies, before the canister stops; a stopped canister cannot answer them. */
    private void readPreservedValues() throws Exception {
        if (preserved == null) {
            return;
        }
        if (found.status() != CanisterRunStatus.RUNNING) {
            steps.skip("read-values", "the canister is not running, so it cannot answer " + preserved.describe());
            listener.warn("Preserved values of " + session.describeCanister() + " not checked: the canister is "
                    + found.status().name().toLowerCase() + ".");
            preserved = null;
            return;
        }
        steps.run("read-values", () -> preserved.read(session.client(), session.canister()));
    }

    UpgradeResult upgraded() {
        String message = "Upgraded " + session.describeCanister() + " from " + hashBefore() + " to " + moduleHashAfter;
        listener.info(message);
        return result(UpgradeOutcome.UPGRADED, message);
    }

    // ---- the ways back ----

    /** The one-line account of a failure of this canister's current step. */
    String failure(Exception cause) {
        return "Upgrade of " + session.describeCanister() + " failed at " + currentStep + ": "
                + CandidInput.oneLine(cause.getMessage()) + ".";
    }

    /** The failure in a few words, for the other canisters of the group. */
    String failureInShort() {
        return "the upgrade of " + session.describeCanister() + " failed at " + currentStep + ".";
    }

    /** Stop or snapshot failed: nothing was installed; the canister is put back as found. */
    UpgradeResult failedBeforeChange(Exception cause) {
        String problem = CandidInput.oneLine(cause.getMessage());
        String back = returnToFoundState();
        if (cause instanceof IcCallException e && e.replicaMessage().contains("maximum number of snapshots")) {
            try {
                problem = control.snapshotLimitMessage(session.client().listCanisterSnapshots(session.canister()),
                        "no snapshot could be taken");
            } catch (IcCallException ignored) {
                // keep the replica's own words
            }
        }
        moduleHashAfter = hashBefore();
        return result(UpgradeOutcome.REFUSED, "Upgrade of " + session.describeCanister()
                + " stopped before installing anything: " + problem + ". Nothing was changed" + back);
    }

    /** Another canister of the group failed before this one was installed: put it back as found. */
    UpgradeResult cancelled(String why) {
        String back = stopStepRan ? returnToFoundState() : ".";
        moduleHashAfter = hashBefore();
        return result(UpgradeOutcome.CANCELLED, session == null ? why + " " + requestedCanister() + " was not touched."
                : why + " " + session.describeCanister() + " was not upgraded; nothing was changed" + back);
    }

    /** True once the install step has started: from then on the canister needs its snapshot to go back. */
    boolean installAttempted() {
        return installAttempted;
    }

    /**
     * Install or a later step failed (this canister's, or another's in the group): loads the snapshot,
     * restarts the canister as found and checks the old module runs.
     *
     * @param failure the sentence saying what failed, from {@link #failure}
     */
    UpgradeResult rollBack(String failure) {
        String what = failure + " ";
        if (snapshot == null) {
            String back = returnToFoundState();
            moduleHashAfter = control.currentModuleHash();
            String runs = hashBefore().equals(moduleHashAfter)
                    ? "the old module " + hashBefore() + " of " + session.describeCanister()
                            + " still runs (the IC rolled the failed install back)"
                    : session.describeCanister() + " now has module " + moduleHashAfter;
            return result(UpgradeOutcome.FAILED_NOT_RESTORED, what + "No snapshot was taken ("
                    + ParameterName.SKIP_SNAPSHOT + "), so nothing could be restored; " + runs + back);
        }
        try {
            steps.run("restore", () -> control.restoreSnapshot(snapshot, wasRunning, hashBefore()));
        } catch (Exception e) {
            String back = returnToFoundState();
            moduleHashAfter = control.currentModuleHash();
            return result(UpgradeOutcome.FAILED_NOT_RESTORED, what + "Restoring snapshot " + snapshot + " of "
                    + session.describeCanister() + " failed too: " + CandidInput.oneLine(e.getMessage())
                    + ". Restore it by hand: mvn ic:restore -Dic.canisterId=" + session.canister() + " -Dic.snapshotId="
                    + snapshot + back);
        }
        moduleHashAfter = hashBefore();
        return result(UpgradeOutcome.RESTORED, what + "The canister " + session.describeCanister()
                + " was restored from snapshot " + snapshot + ": module " + hashBefore() + " runs again"
                + (wasRunning ? " and the canister is running." : ", stopped as found."));
    }

    /** Best effort; returns a sentence fragment saying what happened to the run state. */
    private String returnToFoundState() {
        try {
            control.returnToRunState(wasRunning || found.status() == CanisterRunStatus.RUNNING);
            return found.status() == CanisterRunStatus.RUNNING ? "; the canister is running again." : ".";
        } catch (IcCallException e) {
            return "; starting it again failed (" + CandidInput.oneLine(e.getMessage())
                    + "): start it by hand (dfx canister start " + session.canister() + ").";
        }
    }

    // ---- for the journal and the report ----

    /** What crash recovery needs to know about this canister; null before preflight succeeded. */
    UpgradeJournal.Entry journalEntry() {
        if (found == null || module == null) {
            return null;
        }
        return new UpgradeJournal.Entry(session.canisterLabel(), session.canister().toText(), found.status(),
                hashBefore(), module.sha256Hex(), snapshot == null ? null : snapshot.toText(), currentStep,
                installAttempted, config.healthCheck());
    }

    /** The principal's text; only after a successful preflight. */
    String canisterId() {
        return session.canister().toText();
    }

    String describe() {
        return session != null ? session.describeCanister() : requestedCanister();
    }

    UpgradeResult result(UpgradeOutcome outcome, String message) {
        String label = session != null ? session.canisterLabel() : requestedCanister();
        return new UpgradeResult(label, session == null ? null : session.canister().toText(),
                session == null ? config.target().network() : session.network().name(), outcome,
                found == null ? null : found.moduleHashHex().orElse(null), moduleHashAfter,
                module == null ? null : module.sha256Hex(), snapshot == null ? null : snapshot.toText(), startedAt,
                steps.records(), message, config.wasmArtifact());
    }

    private String hashBefore() {
        return found.moduleHashHex().orElseThrow();
    }

    private String requestedCanister() {
        return requestedCanister(config);
    }

    /** The canister as the user named it before anything is resolved: its id when given, else its name. */
    static String requestedCanister(UpgradeConfig config) {
        TargetConfig t = config.target();
        if (t.canisterId() != null && !t.canisterId().isBlank()) {
            return t.canisterId().trim();
        }
        return t.canisterName() == null || t.canisterName().isBlank() ? "canister" : t.canisterName().trim();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }

    /** A refusal before anything changed that is not about one parameter (no code, snapshot limit). */
    private static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }
}
