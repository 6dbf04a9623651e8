package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.HealthCheckConfig;
import io.github.icmaven.core.upgrade.InputException;
import io.github.icmaven.core.upgrade.PersistenceChoice;
import io.github.icmaven.core.upgrade.TargetConfig;
import io.github.icmaven.core.upgrade.UpgradeConfig;
import io.github.icmaven.core.upgrade.UpgradeOutcome;
import io.github.icmaven.core.upgrade.UpgradePipeline;
import io.github.icmaven.core.upgrade.UpgradeReport;
import io.github.icmaven.core.upgrade.UpgradeResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Upgrades a canister safely: preflight, stop, snapshot, optional off-chain backup, install (upgrade mode),
 * start, health check; on any failure after the snapshot, the snapshot is loaded back and the build fails.
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
     * Off-chain backup: after the snapshot step, the snapshot is downloaded into a new subdirectory named
     * after it ({@code <backupDirectory>/<canister>-<n>}, the layout of ic:download-snapshot) before anything is
     * installed; if the download fails, the upgrade stops and the canister is left as it was found. The
     * canister stays stopped during the download. Default: none, no backup.
     */
    @Parameter(property = "ic.backupDirectory")
    File backupDirectory;

    /** Where the JSON report of each run goes. Default: {@code ${project.build.directory}/ic}. */
    @Parameter(property = "ic.reportDirectory", defaultValue = "${project.build.directory}/ic")
    File reportDirectory;

    @Override
    String goal() {
        return "ic:upgrade";
    }

    @Override
    void run(TargetConfig target) throws MojoExecutionException, MojoFailureException, InputException {
        UpgradeConfig config = new UpgradeConfig(target, wasm == null ? null : wasm.toPath(), blankToNull(arg),
                blankToNull(argHex), argFile == null ? null : argFile.toPath(), skipSnapshot, noOverwrite, force,
                skipPreUpgrade, PersistenceChoice.parse(wasmMemoryPersistence), healthCheck(), dryRun,
                backupDirectory == null ? null : backupDirectory.toPath());
        UpgradeResult result = new UpgradePipeline(new MavenUpgradeListener(getLog())).run(config);
        Path report = writeReport(result);
        if (!result.isFailure()) {
            getLog().info(result.message() + " Report: " + report);
            return;
        }
        String message = result.message() + " Report: " + report;
        if (result.outcome() == UpgradeOutcome.FAILED_NOT_RESTORED && !skipSnapshot) {
            // The snapshot exists but could not be loaded back: a fault, not a clean rollback.
            throw new MojoExecutionException(message);
        }
        throw new MojoFailureException(message);
    }

    private HealthCheckConfig healthCheck() {
        if (blankToNull(healthMethod) == null) {
            return null;
        }
        return new HealthCheckConfig(healthMethod.trim(), healthArg, blankToNull(healthExpected), healthQuery,
                Duration.ofSeconds(healthTimeout));
    }

    private Path writeReport(UpgradeResult result) throws MojoExecutionException {
        try {
            return UpgradeReport.write(result, reportDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the upgrade report to " + reportDirectory + ": "
                    + e.getMessage() + ". Outcome: " + result.outcome() + ". " + result.message(), e);
        }
    }
}
