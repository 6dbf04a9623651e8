package io.github.icmaven.maven;

import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.upgrade.GroupResult;
import io.github.icmaven.core.upgrade.JournalRecovery;
import io.github.icmaven.core.upgrade.TargetConfig;
import io.github.icmaven.core.upgrade.UpgradeJournal;
import io.github.icmaven.core.upgrade.UpgradeOutcome;
import io.github.icmaven.core.upgrade.UpgradeReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Finishes or undoes an upgrade whose build died (kill -9, CI timeout), from the journal it left: finished when
 * every canister already runs its new module, else every canister it changed is restored from its snapshot.
 * Says which. Does nothing when there is no journal. {@code ic:upgrade} does the same before upgrading.
 */
@Mojo(name = "recover", threadSafe = true)
public class RecoverMojo extends AbstractIcMojo {

    /** Where {@code ic:upgrade} keeps its crash journal. Default: {@code ${project.build.directory}/ic}. */
    @Parameter(property = "ic.journalDirectory", defaultValue = "${project.build.directory}/ic")
    File journalDirectory;

    /** Where the JSON report of the recovery goes. Default: {@code ${project.build.directory}/ic}. */
    @Parameter(property = "ic.reportDirectory", defaultValue = "${project.build.directory}/ic")
    File reportDirectory;

    @Override
    String goal() {
        return "ic:recover";
    }

    @Override
    void run(TargetConfig target) throws MojoExecutionException, MojoFailureException {
        UpgradeJournal journal = new UpgradeJournal(journalDirectory.toPath());
        if (!journal.exists()) {
            getLog().info("No interrupted upgrade to recover: " + journal.file() + " does not exist.");
            return;
        }
        GroupResult result = new JournalRecovery(new MavenUpgradeListener(getLog()), new IdentityLoader(),
                System::getenv).recover(journal, target);
        result.canisters().forEach(c -> getLog().info(c.canister() + ": " + c.outcome() + ". " + c.message()));
        String message = result.message() + " Report: " + writeReport(result);
        if (JournalRecovery.recovered(result)) {
            getLog().info(message);
        } else if (result.outcome() == UpgradeOutcome.REFUSED) {
            throw new MojoFailureException(message);
        } else {
            throw new MojoExecutionException(message + " The journal " + journal.file() + " is kept: run ic:recover again.");
        }
    }

    private Path writeReport(GroupResult result) throws MojoExecutionException {
        try {
            return UpgradeReport.write(result, "recover", reportDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the recovery report to " + reportDirectory + ": "
                    + e.getMessage() + ". " + result.message(), e);
        }
    }
}
