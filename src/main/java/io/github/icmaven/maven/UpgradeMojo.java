package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.GroupConfig;
import io.github.icmaven.core.upgrade.GroupResult;
import io.github.icmaven.core.upgrade.HealthCheckConfig;
import io.github.icmaven.core.upgrade.InputException;
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
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Upgrades a canister, or several as one, safely: preflight, stop, snapshot, optional off-chain backup,
 * install (upgrade mode), start, health check; on any failure after the snapshots, the snapshots are loaded
 * back and the build fails. An upgrade interrupted by a dead build is recovered (finished or undone) first,
 * from its journal.
 */
@Mojo(name = "upgrade", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class UpgradeMojo extends AbstractIcMojo {

    /** The module to install, raw or gzip. Required. */
    @Parameter(property = "ic.wasm")
    File wasm;

    /** Upgrade argument as Candid text. Default: {@code ()}. */
    @Parameter(property = "ic.arg")
    String arg;

    /** Upgrade argument as hex bytes of a Candid message ({@code 4449444c...}). */
    @Parameter(property = "ic.argHex")
    String argHex;

    /** File holding the upgrade argument: binary when it starts with {@code DIDL}, else Candid text. */
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
     * {@code <canisterName>}, {@code <wasm>}, and optionally {@code <arg>}, {@code <argHex>}, {@code <argFile>},
     * {@code <healthMethod>}, {@code <healthArg>}, {@code <healthExpected>}, {@code <healthQuery>},
     * {@code <healthTimeout>}, {@code <wasmMemoryPersistence>}, {@code <skipPreUpgrade>}. They are upgraded in
     * the listed order, all snapshotted before the first install; if any fails, every one already changed is
     * restored, in reverse order. Network, identity and the snapshot options are the goal's. Replaces the
     * goal's own {@code canisterId}/{@code canisterName}/{@code wasm}/{@code arg*}/{@code health*}.
     * Default: none (the goal's single canister).
     */
    @Parameter
    List<Canister> canisters;

    @Override
    String goal() {
        return "ic:upgrade";
    }

    @Override
    void run(TargetConfig target) throws MojoExecutionException, MojoFailureException, InputException {
        GroupConfig group = new GroupConfig(canisters == null || canisters.isEmpty() ? List.of(singleCanister(target))
                : groupMembers(target), journalDirectory.toPath());
        GroupResult result = new UpgradePipeline(new MavenUpgradeListener(getLog())).run(group);
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
        if (result.outcome() == UpgradeOutcome.FAILED_NOT_RESTORED && !skipSnapshot) {
            // A snapshot exists but could not be loaded back: a fault, not a clean rollback.
            throw new MojoExecutionException(message);
        }
        throw new MojoFailureException(message);
    }

    private UpgradeConfig singleCanister(TargetConfig target) throws InputException {
        return new UpgradeConfig(target, wasm == null ? null : wasm.toPath(), blankToNull(arg), blankToNull(argHex),
                argFile == null ? null : argFile.toPath(), skipSnapshot, noOverwrite, force, skipPreUpgrade,
                PersistenceChoice.parse(wasmMemoryPersistence),
                healthCheck(healthMethod, healthArg, healthExpected, healthQuery, healthTimeout), dryRun, backupPath());
    }

    private List<UpgradeConfig> groupMembers(TargetConfig shared) throws MojoFailureException, InputException {
        List<String> alsoSet = new ArrayList<>();
        if (blankToNull(shared.canisterId()) != null) {
            alsoSet.add("<canisterId>");
        }
        if (blankToNull(shared.canisterName()) != null) {
            alsoSet.add("<canisterName>");
        }
        if (wasm != null) {
            alsoSet.add("<wasm>");
        }
        if (blankToNull(arg) != null || blankToNull(argHex) != null || argFile != null) {
            alsoSet.add("<arg>/<argHex>/<argFile>");
        }
        if (blankToNull(healthMethod) != null) {
            alsoSet.add("<healthMethod>");
        }
        if (!alsoSet.isEmpty()) {
            throw new MojoFailureException("<canisters> is set, and so is " + String.join(", ", alsoSet)
                    + " of the goal itself: set those inside each <canister>, or drop <canisters>");
        }
        List<UpgradeConfig> members = new ArrayList<>();
        for (Canister c : canisters) {
            TargetConfig target = new TargetConfig(shared.network(), blankToNull(c.canisterId),
                    blankToNull(c.canisterName), shared.canisterIdsFile(), shared.identity(), shared.rootKey());
            members.add(new UpgradeConfig(target, c.wasm == null ? null : c.wasm.toPath(), blankToNull(c.arg),
                    blankToNull(c.argHex), c.argFile == null ? null : c.argFile.toPath(), skipSnapshot, noOverwrite,
                    force, c.skipPreUpgrade == null ? skipPreUpgrade : c.skipPreUpgrade,
                    PersistenceChoice.parse(c.wasmMemoryPersistence == null ? wasmMemoryPersistence : c.wasmMemoryPersistence),
                    healthCheck(c.healthMethod, c.healthArg == null ? "()" : c.healthArg, c.healthExpected,
                            c.healthQuery == null ? healthQuery : c.healthQuery,
                            c.healthTimeout == null ? healthTimeout : c.healthTimeout), dryRun, backupPath()));
        }
        return members;
    }

    private Path backupPath() {
        return backupDirectory == null ? null : backupDirectory.toPath();
    }

    private static HealthCheckConfig healthCheck(String method, String arg, String expected, boolean query, int timeout) {
        if (blankToNull(method) == null) {
            return null;
        }
        return new HealthCheckConfig(method.trim(), arg, blankToNull(expected), query, Duration.ofSeconds(timeout));
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
