package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.GroupConfig;
import io.github.icmaven.core.upgrade.GroupResult;
import io.github.icmaven.core.upgrade.HealthCheckConfig;
import io.github.icmaven.core.upgrade.CheckMode;
import io.github.icmaven.core.upgrade.InputException;
import io.github.icmaven.core.upgrade.ParameterName;
import io.github.icmaven.core.upgrade.PersistenceChoice;
import io.github.icmaven.core.upgrade.TargetConfig;
import io.github.icmaven.core.upgrade.UpgradeConfig;
import io.github.icmaven.core.upgrade.UpgradeOutcome;
import io.github.icmaven.core.upgrade.UpgradePipeline;
import io.github.icmaven.core.upgrade.UpgradeReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * Upgrades a canister, or several as one, safely: preflight, stop, snapshot, optional off-chain backup,
 * install (upgrade mode), start, health check; on any failure after the snapshots, the snapshots are loaded
 * back and the build fails. An upgrade interrupted by a dead build is recovered (finished or undone) first,
 * from its journal.
 */
@Mojo(name = "upgrade", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class UpgradeMojo extends AbstractIcMojo {

    /**
     * The module to install, raw or gzip. Required, unless {@code wasmArtifact} is set or the project's packaging
     * is {@code canister} (then the default is the module {@code ic:package} made the project's artifact).
     */
    @Parameter(property = "ic.wasm")
    File wasm;

    /**
     * The module to install as Maven coordinates, {@code groupId:artifactId:version[:type[:classifier]]} (type
     * {@code wasm}, the default, {@code wasm.gz}, or {@code canister}, a {@code canister}-packaged project's
     * module), resolved from the local repository and the project's repositories with checksums enforced: deploys
     * a released version, or an older one to roll back. Instead of {@code wasm}. Recorded in the report.
     * Default: none.
     */
    @Parameter(property = "ic.wasmArtifact")
    String wasmArtifact;

    /**
     * Fails the build when the upgrade failed and was rolled back (the canister runs its old module again).
     * {@code false} logs that as a warning and lets the build go on, e.g. for a demonstration of a rollback;
     * an upgrade that could not be restored fails the build anyway. Default: true.
     */
    @Parameter(property = "ic.failOnRollback", defaultValue = "true")
    boolean failOnRollback;

    /** Upgrade argument as Candid text. Default: {@code ()}. */
    @Parameter(property = "ic.arg")
    String arg;

    /** Upgrade argument as hex bytes of a Candid message ({@code 4449444c...}). Default: none. */
    @Parameter(property = "ic.argHex")
    String argHex;

    /** File holding the upgrade argument: binary when it starts with {@code DIDL}, else Candid text. Default: none. */
    @Parameter(property = "ic.argFile")
    File argFile;

    /** Takes no snapshot: faster, but a failed upgrade cannot be restored. Default: false. */
    @Parameter(property = "ic.skipSnapshot", defaultValue = "false")
    boolean skipSnapshot;

    /**
     * Never replaces or deletes an existing snapshot: takes an additional one while below the IC's limit
     * of 10 and refuses, before changing anything, at the limit. Default: false (the newest existing
     * snapshot is replaced, one rolling upgrade snapshot).
     */
    @Parameter(property = "ic.noOverwrite", defaultValue = "false")
    boolean noOverwrite;

    /** Upgrades even when the canister already runs this exact module. Default: false. */
    @Parameter(property = "ic.force", defaultValue = "false")
    boolean force;

    /** Does not run the old module's {@code canister_pre_upgrade}. Default: false. */
    @Parameter(property = "ic.skipPreUpgrade", defaultValue = "false")
    boolean skipPreUpgrade;

    /**
     * {@code auto} (keep the wasm memory exactly when the installed module uses enhanced orthogonal
     * persistence), {@code keep} or {@code replace}. Default: {@code auto}.
     */
    @Parameter(property = "ic.wasmMemoryPersistence", defaultValue = "auto")
    String wasmMemoryPersistence;

    /** Method called after the upgrade as a health check. Default: none, no health check. */
    @Parameter(property = "ic.healthMethod")
    String healthMethod;

    /** Argument of the health check, Candid text. Default: {@code ()}. */
    @Parameter(property = "ic.healthArg", defaultValue = "()")
    String healthArg;

    /** Reply the health check must give, Candid text (e.g. {@code ("ok")}) or hex. Default: any reply. */
    @Parameter(property = "ic.healthExpected")
    String healthExpected;

    /** Calls the health check as a query (false: as an update call). Default: true. */
    @Parameter(property = "ic.healthQuery", defaultValue = "true")
    boolean healthQuery;

    /** Seconds the health check may retry transient failures. Default: 30. */
    @Parameter(property = "ic.healthTimeout", defaultValue = "30")
    int healthTimeout;

    /**
     * Candid interface compatibility, checked before anything changes: the new interface (the module's
     * {@code candid:service} section, or {@code candidFile}) must be a subtype of the deployed one (its
     * {@code candid:service} metadata) as the Candid spec defines it, so no client of the deployed canister breaks.
     * {@code fail} refuses an incompatible upgrade naming each method and why, {@code warn} logs that and upgrades,
     * {@code skip} does not check. Either side without the interface is a warning. Default: {@code fail}.
     */
    @Parameter(property = "ic.candidCheck", defaultValue = "fail")
    String candidCheck;

    /** The new Candid interface (.did) for {@code candidCheck}. Default: the module's {@code candid:service} section. */
    @Parameter(property = "ic.candidFile")
    File candidFile;

    /**
     * Motoko stable variable compatibility, from the {@code motoko:stable-types} sections of the deployed and the
     * new module: a stable variable whose type changed incompatibly is an error, a dropped one a warning (its data
     * is lost). {@code fail}, {@code warn} or {@code skip}, as {@code candidCheck}. Default: {@code fail}.
     */
    @Parameter(property = "ic.stableCheck", defaultValue = "fail")
    String stableCheck;

    /**
     * Lets {@code wasmMemoryPersistence = replace} upgrade a canister with enhanced orthogonal persistence, which
     * erases all of its state; without it such an upgrade is refused before anything changes. Default: false.
     */
    @Parameter(property = "ic.allowMemoryWipe", defaultValue = "false")
    boolean allowMemoryWipe;

    /**
     * Query methods whose replies must survive the upgrade, each {@code method} or {@code method(Candid args)}
     * (e.g. {@code <preserve><query>counter</query><query>get_user(42 : nat)</query></preserve>};
     * {@code -Dic.preserve=counter,total}, comma-separated). Called before the stop and after the start; a reply
     * that differs fails the upgrade and restores the snapshot. Default: none.
     */
    @Parameter(property = "ic.preserve")
    List<String> preserve;

    /** Checks everything and prints the plan without changing anything. Default: false. */
    @Parameter(property = "ic.dryRun", defaultValue = "false")
    boolean dryRun;

    /**
     * Off-chain backup: after the snapshot step, each canister's snapshot is downloaded into a new
     * subdirectory named after it ({@code <backupDirectory>/<canister>-<n>}, the layout of ic:download-snapshot)
     * before anything is installed; if a download fails, the upgrade stops and the canisters are left as they
     * were found. The canister stays stopped during its download. Default: none, no backup.
     */
    @Parameter(property = "ic.backupDirectory")
    File backupDirectory;

    /** Where the JSON report of each run goes. Default: {@code ${project.build.directory}/ic}. */
    @Parameter(property = "ic.reportDirectory", defaultValue = "${project.build.directory}/ic")
    File reportDirectory;

    /**
     * Where the crash journal is written before every step and looked for before a run: if a build died
     * mid-upgrade, the next {@code ic:upgrade} (or {@code ic:recover}) finishes or undoes that upgrade first.
     * Do not {@code mvn clean} between a dead build and its recovery. Default:
     * {@code ${project.build.directory}/ic}.
     */
    @Parameter(property = "ic.journalDirectory", defaultValue = "${project.build.directory}/ic")
    File journalDirectory;

    /**
     * Several canisters upgraded as one, each a {@code <canister>} with {@code <canisterId>} or
     * {@code <canisterName>}, {@code <wasm>} or {@code <wasmArtifact>}, and optionally {@code <arg>}, {@code <argHex>}, {@code <argFile>},
     * {@code <healthMethod>}, {@code <healthArg>}, {@code <healthExpected>}, {@code <healthQuery>},
     * {@code <healthTimeout>}, {@code <wasmMemoryPersistence>}, {@code <skipPreUpgrade>}, {@code <candidCheck>},
     * {@code <candidFile>}, {@code <stableCheck>}, {@code <allowMemoryWipe>}, {@code <preserve>}. They are upgraded
     * {@code parallelism} at a time, all snapshotted before the first install; if any fails, every one already
     * changed is restored. Network, identity and the snapshot options are the goal's. Replaces the
     * goal's own {@code canisterId}/{@code canisterName}/{@code wasm}/{@code wasmArtifact}/{@code arg*}/{@code health*}.
     * Default: none (the goal's single canister).
     */
    @Parameter
    List<Canister> canisters;

    /**
     * How many canisters of {@code <canisters>} go through a step at once: their steps wait for consensus rounds,
     * so waiting together takes about one canister's time. Every phase still ends for all before the next begins
     * (all snapshotted before the first install). 1 upgrades them one after another in the listed order.
     * Default: all of them, at most 32.
     */
    @Parameter(property = "ic.parallelism")
    Integer parallelism;

    /**
     * How many of the first listed {@code <canisters>} are upgraded completely, health check included, before the
     * others are touched. If a canary fails, it is restored and the others are never stopped. Default: 0, no canary.
     */
    @Parameter(property = "ic.canary", defaultValue = "0")
    int canary;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Component
    RepositorySystem repositorySystem;

    @Override
    String goal() {
        return "ic:upgrade";
    }

    @Override
    void run(TargetConfig target) throws MojoExecutionException, MojoFailureException, InputException {
        List<Canister> members = canisters == null || canisters.isEmpty() ? List.of(goalCanister(target))
                : checkedGroup(target);
        List<UpgradeConfig> configs = new ArrayList<>();
        for (Canister member : members) {
            configs.add(config(member, target));
        }
        if (parallelism != null && parallelism < 1) {
            throw new InputException(ParameterName.PARALLELISM, "must be 1 or more (1: one canister at a time), got "
                    + parallelism);
        }
        if (canary < 0) {
            throw new InputException(ParameterName.CANARY, "must be 0 or more (0: no canary), got " + canary);
        }
        GroupResult result = new UpgradePipeline(new MavenUpgradeListener(getLog())).run(new GroupConfig(configs,
                journalDirectory.toPath(), parallelism == null ? GroupConfig.defaultParallelism(configs.size()) : parallelism,
                canary));
        Path report = writeReport(result);
        if (result.canisters().size() > 1) {
            result.canisters().forEach(c -> getLog().info(c.canister() + ": " + c.outcome() + ". " + c.message()));
        }
        if (!result.isFailure()) {
            // A single canister's outcome was logged by the pipeline already.
            getLog().info((result.canisters().size() > 1 ? result.message() + " " : "") + "Report: " + report);
            return;
        }
        String message = result.message() + " Report: " + report;
        if (!failOnRollback && result.outcome() == UpgradeOutcome.RESTORED) {
            getLog().warn(message + " The build goes on (failOnRollback is false).");
            return;
        }
        if (result.outcome() == UpgradeOutcome.FAILED_NOT_RESTORED && !skipSnapshot) {
            // A snapshot exists but could not be loaded back: a fault, not a clean rollback.
            throw new MojoExecutionException(message);
        }
        throw new MojoFailureException(message);
    }

    /** The goal's own canister parameters as the one member of the run. */
    private Canister goalCanister(TargetConfig target) {
        Canister c = new Canister();
        c.canisterId = target.canisterId();
        c.canisterName = target.canisterName();
        c.wasm = wasm != null || blankToNull(wasmArtifact) != null ? wasm : packagedModule();
        c.wasmArtifact = wasmArtifact;
        c.arg = arg;
        c.argHex = argHex;
        c.argFile = argFile;
        c.healthMethod = healthMethod;
        c.healthArg = healthArg;
        c.healthExpected = healthExpected;
        c.candidFile = candidFile;
        c.preserve = preserve;
        return c;
    }

    /** The {@code <canisters>}, refused when the goal's own per-canister parameters are set as well. */
    private List<Canister> checkedGroup(TargetConfig shared) throws MojoFailureException {
        List<String> alsoSet = new ArrayList<>();
        if (blankToNull(shared.canisterId()) != null) {
            alsoSet.add("<canisterId>");
        }
        if (blankToNull(shared.canisterName()) != null) {
            alsoSet.add("<canisterName>");
        }
        if (wasm != null || blankToNull(wasmArtifact) != null) {
            alsoSet.add("<wasm>/<wasmArtifact>");
        }
        if (blankToNull(arg) != null || blankToNull(argHex) != null || argFile != null) {
            alsoSet.add("<arg>/<argHex>/<argFile>");
        }
        if (blankToNull(healthMethod) != null) {
            alsoSet.add("<healthMethod>");
        }
        if (candidFile != null) {
            alsoSet.add("<candidFile>");
        }
        if (preserve != null && !preserve.isEmpty()) {
            alsoSet.add("<preserve>");
        }
        if (!alsoSet.isEmpty()) {
            throw new MojoFailureException("<canisters> is set, and so is " + String.join(", ", alsoSet)
                    + " of the goal itself: set those inside each <canister>, or drop <canisters>");
        }
        return canisters;
    }

    /** One member's configuration: its own values, else the goal's; network, identity and snapshots are the goal's. */
    private UpgradeConfig config(Canister c, TargetConfig shared) throws InputException {
        TargetConfig target = new TargetConfig(shared.network(), blankToNull(c.canisterId), blankToNull(c.canisterName),
                shared.canisterIdsFile(), shared.identity(), shared.rootKey());
        String coordinates = blankToNull(c.wasmArtifact);
        return UpgradeConfig.builder(target, coordinates == null ? path(c.wasm) : resolved(coordinates, c.wasm))
                .wasmArtifact(coordinates)
                .arg(blankToNull(c.arg))
                .argHex(blankToNull(c.argHex))
                .argFile(path(c.argFile))
                .skipSnapshot(skipSnapshot)
                .noOverwrite(noOverwrite)
                .force(force)
                .skipPreUpgrade(c.skipPreUpgrade == null ? skipPreUpgrade : c.skipPreUpgrade)
                .wasmMemoryPersistence(PersistenceChoice.parse(
                        c.wasmMemoryPersistence == null ? wasmMemoryPersistence : c.wasmMemoryPersistence))
                .healthCheck(healthCheck(c))
                .dryRun(dryRun)
                .backupDirectory(path(backupDirectory))
                .candidCheck(CheckMode.parse(c.candidCheck == null ? candidCheck : c.candidCheck, ParameterName.CANDID_CHECK))
                .candidFile(path(c.candidFile))
                .stableCheck(CheckMode.parse(c.stableCheck == null ? stableCheck : c.stableCheck, ParameterName.STABLE_CHECK))
                .allowMemoryWipe(c.allowMemoryWipe == null ? allowMemoryWipe : c.allowMemoryWipe)
                .preserve(c.preserve == null ? List.of() : c.preserve)
                .build();
    }

    /** The module file of {@code <wasmArtifact>}, resolved before anything changes. */
    private Path resolved(String coordinates, File alsoWasm) throws InputException {
        if (alsoWasm != null) {
            throw new InputException(ParameterName.WASM_ARTIFACT, "is set, and so is <wasm> (ic.wasm): keep one");
        }
        Path module = new WasmArtifactResolver(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories()).resolve(coordinates);
        getLog().info("wasmArtifact " + coordinates + " is " + module);
        return module;
    }

    /** The module {@code ic:package} made the artifact of a {@code canister}-packaged project, else null. */
    private File packagedModule() {
        return project != null && CanisterPackaging.ID.equals(project.getPackaging()) ? project.getArtifact().getFile()
                : null;
    }

    private HealthCheckConfig healthCheck(Canister c) {
        if (blankToNull(c.healthMethod) == null) {
            return null;
        }
        return new HealthCheckConfig(c.healthMethod.trim(), c.healthArg == null ? "()" : c.healthArg,
                blankToNull(c.healthExpected), c.healthQuery == null ? healthQuery : c.healthQuery,
                Duration.ofSeconds(c.healthTimeout == null ? healthTimeout : c.healthTimeout));
    }

    private static Path path(File file) {
        return file == null ? null : file.toPath();
    }

    private Path writeReport(GroupResult result) throws MojoExecutionException {
        try {
            return UpgradeReport.write(result, reportDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the upgrade report to " + reportDirectory + ": "
                    + e.getMessage() + ". Outcome: " + result.outcome() + ". " + result.message(), e);
        }
    }
}
