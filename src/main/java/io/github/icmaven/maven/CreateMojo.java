package io.github.icmaven.maven;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.upgrade.InputException;
import io.github.icmaven.core.upgrade.LocalCanisterCreation;
import io.github.icmaven.core.upgrade.TargetConfig;
import io.github.icmaven.ic.Principal;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Creates a canister on a local network (the embedded replica, or a dfx/icp-cli local network), installs a first
 * module in it, and publishes its id as a project property ({@code ic.canisterId} by default), so that the goals
 * after it in the build ({@code ic:upgrade}, {@code ic:status}) work on it: for trying a project on a fresh
 * replica. On the IC, canisters are created with icp-cli or dfx; this goal refuses any non-local network.
 */
@Mojo(name = "create", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class CreateMojo extends AbstractIcMojo {

    /** The first module to install, raw or gzip. Required. */
    @Parameter(property = "ic.wasm")
    File wasm;

    /** Init argument, Candid text. Default: {@code ()}. */
    @Parameter(property = "ic.arg")
    String arg;

    /** Project property that receives the new canister's id. Default: {@code ic.canisterId}. */
    @Parameter(property = "ic.canisterIdProperty", defaultValue = "ic.canisterId")
    String canisterIdProperty;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    String goal() {
        return "ic:create";
    }

    @Override
    void run(TargetConfig target) throws MojoExecutionException, InputException {
        Principal canister;
        try {
            canister = new LocalCanisterCreation(new MavenUpgradeListener(getLog()))
                    .createAndInstall(target.network(), target.identity(), wasm == null ? null : wasm.toPath(), arg);
        } catch (IcCallException e) {
            throw new MojoExecutionException("ic:create failed: " + e.getMessage(), e);
        }
        project.getProperties().setProperty(canisterIdProperty, canister.toText());
    }
}
