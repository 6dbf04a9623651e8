package io.github.icmaven.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops the replicas that {@code ic:replica-start} started for this project (by default after the integration
 * tests); other modules' replicas in a parallel build keep running.
 */
@Mojo(name = "replica-stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class ReplicaStopMojo extends AbstractMojo {

    /** Skips the goal. Default: false. */
    @Parameter(property = "ic.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping replica-stop (ic.skip)");
            return;
        }
        int stopped = RunningReplicas.in(getPluginContext()).stopAll(message -> getLog().warn(message));
        getLog().info(stopped == 0 ? "No replica was running" : "Stopped " + stopped + " replica(s)");
    }
}
