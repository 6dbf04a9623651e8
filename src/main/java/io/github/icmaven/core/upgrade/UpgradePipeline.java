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
 * The safe upgrade: preflight (nothing changes), stop, snapshot, install, start, verify, health check; on any
 * failure after the snapshot the snapshot is loaded again and the canister returned to the state it was found
 * in. Every run ends in an {@link UpgradeResult}; nothing is thrown for failures the user can act on.
 */
public final class UpgradePipeline {
    static final String EOP_METADATA = "enhanced-orthogonal-persistence";

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

    public UpgradeResult run(UpgradeConfig config) {
        return new Run(config).execute();
    }

    /** One run's state: what preflight found and what the steps changed, for the rollback and the report. */
    private final class Run {
        private final UpgradeConfig config;
        private final StepRunner steps = new StepRunner(listener);
        private final Instant startedAt = Instant.now();

        private IcSession session;
        private CanisterControl control;
        private WasmModule module;
        private byte[] arg;
        private HealthCheck healthCheck;
        private PreUpgradeBackup backup;
        private CanisterStatus found;
        private InstallMode mode;
        private Optional<SnapshotId> snapshotToReplace = Optional.empty();
        private SnapshotId snapshot;
        private boolean wasRunning;
        private String moduleHashAfter;

        Run(UpgradeConfig config) {
            this.config = config;
        }

        UpgradeResult execute() {
            try {
                return upgrade();
            } finally {
                if (session != null) {
                    session.close();
                }
            }
        }

        private UpgradeResult upgrade() {
            try {
                steps.run("preflight", this::preflight);
            } catch (InputException e) {
                return result(UpgradeOutcome.REFUSED, e.getMessage());
            } catch (RefusedException e) {
                return result(UpgradeOutcome.REFUSED, e.getMessage());
            } catch (Exception e) {
                return result(UpgradeOutcome.REFUSED, "Preflight failed, nothing was changed: " + CandidInput.oneLine(e.getMessage()));
            }
            String hashBefore = found.moduleHashHex().orElseThrow();
            if (hashBefore.equals(module.sha256Hex()) && !config.force()) {
                moduleHashAfter = hashBefore;
                String message = session.describeCanister() + " already runs this module (" + hashBefore
                        + "); nothing to do. Set " + ParameterName.FORCE + " to upgrade anyway.";
                listener.info(message);
                return result(UpgradeOutcome.UNCHANGED, message);
            }
            if (config.dryRun()) {
                return dryRun();
            }

            try {
                steps.run("stop", this::stop);
                if (config.skipSnapshot()) {
                    steps.skip("snapshot", "skipSnapshot: nothing can be restored if the upgrade fails");
                    listener.warn("No snapshot (" + ParameterName.SKIP_SNAPSHOT + "): if the upgrade fails, nothing can be restored.");
                } else {
                    steps.run("snapshot", this::takeSnapshot);
                }
                if (backup != null) {
                    steps.run("backup", () -> backup.download(session, listener, snapshot));
                }
            } catch (Exception e) {
                return failedBeforeChange(e);
            }

            String failedStep = "install";
            try {
                steps.run("install", this::install);
                failedStep = "start";
                if (wasRunning) {
                    steps.run("start", this::start);
                } else {
                    steps.skip("start", "the canister was stopped before the upgrade; it stays stopped");
                }
                failedStep = "verify";
                steps.run("verify", this::verify);
                failedStep = "health-check";
                if (healthCheck == null) {
                    steps.skip("health-check", "no healthMethod set");
                } else if (!wasRunning) {
                    steps.skip("health-check", "the canister stays stopped, so it cannot answer");
                } else {
                    steps.run("health-check", () -> healthCheck.run(session.client(), session.canister()));
                }
            } catch (Exception e) {
                return rollBack(failedStep, e);
            }
            String message = "Upgraded " + session.describeCanister() + " from " + hashBefore + " to " + moduleHashAfter;
            listener.info(message);
            return result(UpgradeOutcome.UPGRADED, message);
        }

        private String preflight() throws Exception {
            module = WasmModule.read(config.wasm());
            arg = CandidInput.upgradeArgument(config.arg(), config.argHex(), config.argFile());
            healthCheck = HealthCheck.prepare(config.healthCheck());
            backup = PreUpgradeBackup.prepare(config);
            session = IcSession.open(config.target(), identityLoader, environment);
            control = new CanisterControl(session);
            found = control.statusAsController();
            if (found.moduleHash().isEmpty()) {
                throw new RefusedException(session.describeCanister() + " has no code installed: ic:upgrade only "
                        + "upgrades installed canisters; install it first (e.g. with icp deploy or dfx deploy)");
            }
            mode = InstallMode.upgrade(config.skipPreUpgrade(), persistence());
            if (!config.skipSnapshot()) {
                planSnapshot();
            }
            return session.describeCanister() + " on " + session.network().name() + " is " + found.status().name()
                    .toLowerCase() + ", module " + found.moduleHashHex().orElseThrow() + "; new module " + module.sha256Hex()
                    + " (" + module.bytes().length + " bytes" + (module.gzipped() ? ", gzip" : "") + ")";
        }

        private WasmMemoryPersistence persistence() {
            switch (config.wasmMemoryPersistence()) {
                case KEEP:
                    return WasmMemoryPersistence.KEEP;
                case REPLACE:
                    return WasmMemoryPersistence.REPLACE;
                default:
                    break;
            }
            try {
                if (session.client().readCanisterMetadata(session.canister(), EOP_METADATA).isPresent()) {
                    listener.info("The installed module uses enhanced orthogonal persistence: upgrading with "
                            + "wasm_memory_persistence = keep");
                    return WasmMemoryPersistence.KEEP;
                }
            } catch (IcCallException e) {
                listener.warn("Could not read the module's metadata (" + CandidInput.oneLine(e.getMessage())
                        + "); upgrading without wasm_memory_persistence. Set " + ParameterName.WASM_MEMORY_PERSISTENCE
                        + " if the canister uses enhanced orthogonal persistence.");
            }
            return WasmMemoryPersistence.NONE;
        }

        private void planSnapshot() throws IcCallException, RefusedException {
            List<SnapshotInfo> existing = session.client().listCanisterSnapshots(session.canister());
            if (config.noOverwrite()) {
                if (existing.size() >= CanisterControl.MAX_SNAPSHOTS) {
                    throw new RefusedException(control.snapshotLimitMessage(existing,
                            "noOverwrite forbids replacing one, so the upgrade was not started and nothing changed"));
                }
                return;
            }
            snapshotToReplace = existing.stream().max(Comparator.comparing(SnapshotInfo::takenAt)
                    .thenComparing(s -> s.id().toHex())).map(SnapshotInfo::id);
        }

        private UpgradeResult dryRun() {
            listener.info("Dry run, nothing changes. The plan for " + session.describeCanister() + ":");
            listener.info("  stop: " + (found.status() == CanisterRunStatus.STOPPED ? "already stopped" : "stop the canister"));
            listener.info("  snapshot: " + (config.skipSnapshot() ? "none (skipSnapshot)"
                    : snapshotToReplace.map(id -> "replace " + id).orElse("take a new snapshot")));
            if (backup != null) {
                listener.info("  backup: " + backup.plan());
            }
            listener.info("  install: upgrade to " + module.sha256Hex() + ", " + (CodeInstaller.needsChunks(module, arg)
                    ? CodeInstaller.chunkCount(module) + " chunks" : "one message") + ", wasm_memory_persistence "
                    + mode.wasmMemoryPersistence().name().toLowerCase() + (mode.skipPreUpgrade() ? ", skip pre_upgrade" : ""));
            listener.info("  start: " + (found.status() == CanisterRunStatus.RUNNING ? "start again" : "leave stopped"));
            listener.info("  health-check: " + (healthCheck == null ? "none" : healthCheck.describe()));
            return result(UpgradeOutcome.DRY_RUN, "Dry run: " + session.describeCanister() + " would be upgraded from "
                    + found.moduleHashHex().orElseThrow() + " to " + module.sha256Hex());
        }

        private String stop() throws IcCallException {
            wasRunning = control.stopIfRunning(found);
            return found.status() == CanisterRunStatus.STOPPED ? "was already stopped" : "stopped";
        }

        private String takeSnapshot() throws IcCallException {
            SnapshotInfo taken = session.client().takeCanisterSnapshot(session.canister(), snapshotToReplace);
            snapshot = taken.id();
            return "took " + taken.textId() + snapshotToReplace.map(id -> ", replacing " + id).orElse("")
                    + " (" + taken.totalSize() + " bytes)";
        }

        private String install() throws IcCallException {
            return new CodeInstaller(session.client(), listener).install(session.canister(), mode, module, arg)
                    + ", wasm_memory_persistence " + mode.wasmMemoryPersistence().name().toLowerCase();
        }

        private String start() throws IcCallException {
            session.client().startCanister(session.canister());
            return "running";
        }

        private String verify() throws IcCallException, StepFailure {
            CanisterStatus now = session.client().canisterStatus(session.canister());
            moduleHashAfter = now.moduleHashHex().orElse(null);
            if (!module.sha256Hex().equals(moduleHashAfter)) {
                throw new StepFailure("the canister reports module " + moduleHashAfter + ", not the new "
                        + module.sha256Hex());
            }
            return "module " + moduleHashAfter + ", " + now.status().name().toLowerCase();
        }

        /** Stop or snapshot failed: nothing was installed; put the canister back as found. */
        private UpgradeResult failedBeforeChange(Exception cause) {
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
            moduleHashAfter = found.moduleHashHex().orElse(null);
            return result(UpgradeOutcome.REFUSED, "Upgrade of " + session.describeCanister()
                    + " stopped before installing anything: " + problem + ". Nothing was changed" + back);
        }

        /** Install or a later step failed: load the snapshot, restart as found, check the old module runs. */
        private UpgradeResult rollBack(String failedStep, Exception cause) {
            String what = "Upgrade of " + session.describeCanister() + " failed at " + failedStep + ": "
                    + CandidInput.oneLine(cause.getMessage()) + ". ";
            String hashBefore = found.moduleHashHex().orElseThrow();
            if (snapshot == null) {
                String back = returnToFoundState();
                moduleHashAfter = currentModuleHash();
                String runs = hashBefore.equals(moduleHashAfter)
                        ? "the old module " + hashBefore + " still runs (the IC rolled the failed install back)"
                        : "the canister now has module " + moduleHashAfter;
                return result(UpgradeOutcome.FAILED_NOT_RESTORED, what + "No snapshot was taken ("
                        + ParameterName.SKIP_SNAPSHOT + "), so nothing could be restored; " + runs + back);
            }
            listener.warn(what + "Restoring snapshot " + snapshot + ".");
            try {
                steps.run("restore", () -> {
                    CanisterStatus now = session.client().canisterStatus(session.canister());
                    if (now.status() != CanisterRunStatus.STOPPED) {
                        session.client().stopCanister(session.canister());
                    }
                    session.client().loadCanisterSnapshot(session.canister(), snapshot);
                    control.returnToRunState(wasRunning);
                    CanisterStatus restored = session.client().canisterStatus(session.canister());
                    moduleHashAfter = restored.moduleHashHex().orElse(null);
                    if (!hashBefore.equals(moduleHashAfter)) {
                        throw new StepFailure("after loading the snapshot the canister reports module "
                                + moduleHashAfter + ", not the old " + hashBefore);
                    }
                    return "loaded " + snapshot + ", module " + moduleHashAfter + ", "
                            + restored.status().name().toLowerCase();
                });
            } catch (Exception e) {
                String back = returnToFoundState();
                moduleHashAfter = currentModuleHash();
                return result(UpgradeOutcome.FAILED_NOT_RESTORED, what + "Restoring snapshot " + snapshot
                        + " failed too: " + CandidInput.oneLine(e.getMessage()) + ". Restore it by hand: "
                        + "mvn ic:restore -Dic.snapshotId=" + snapshot + back);
            }
            return result(UpgradeOutcome.RESTORED, what + "The canister was restored from snapshot " + snapshot
                    + ": module " + hashBefore + " runs again" + (wasRunning ? " and the canister is running." : ", stopped as found."));
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

        private String currentModuleHash() {
            try {
                return session.client().canisterStatus(session.canister()).moduleHashHex().orElse(null);
            } catch (IcCallException e) {
                return null;
            }
        }

        private UpgradeResult result(UpgradeOutcome outcome, String message) {
            String label = session != null ? session.canisterLabel() : requestedCanister();
            return new UpgradeResult(label, session == null ? null : session.canister().toText(),
                    session == null ? config.target().network() : session.network().name(), outcome,
                    found == null ? null : found.moduleHashHex().orElse(null), moduleHashAfter,
                    module == null ? null : module.sha256Hex(), snapshot == null ? null : snapshot.toText(), startedAt,
                    steps.records(), message);
        }

        private String requestedCanister() {
            TargetConfig t = config.target();
            if (t.canisterId() != null && !t.canisterId().isBlank()) {
                return t.canisterId().trim();
            }
            return t.canisterName() == null || t.canisterName().isBlank() ? "canister" : t.canisterName().trim();
        }
    }

    /** A refusal before anything changed that is not about one parameter (no code, snapshot limit). */
    private static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }
}
