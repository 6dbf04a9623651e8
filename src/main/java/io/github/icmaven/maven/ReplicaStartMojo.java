package io.github.icmaven.maven;

import io.github.icmaven.replica.EmbeddedReplica;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Starts the embedded replica in the background of this build (by default before the integration
 * tests) and publishes its URL and root key as project properties; {@code ic:replica-stop} stops it, and it stops
 * anyway (saving its state when it has a state directory) when the build ends, failed or not.
 */
@Mojo(name = "replica-start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class ReplicaStartMojo extends AbstractReplicaMojo {

    /**
     * Name of the project property that receives the replica's URL (e.g. {@code http://127.0.0.1:4943}),
     * for later plugins and tests. Default: {@code ic.replica.url}.
     */
    @Parameter(property = "ic.replica.urlProperty", defaultValue = "ic.replica.url")
    String urlProperty;

    /**
     * Name of the project property that receives the replica's root key (DER, hex), for a build that pins
     * it ({@code ic.rootKey}) and so verifies every certificate as against mainnet. Default:
     * {@code ic.replica.rootKey}.
     */
    @Parameter(property = "ic.replica.rootKeyProperty", defaultValue = "ic.replica.rootKey")
    String rootKeyProperty;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping replica-start (ic.skip)");
            return;
        }
        EmbeddedReplica replica = ReplicaLauncher.start(replicaConfig(), getLog());
        RunningReplicas.in(getPluginContext()).register(replica);
        publish(urlProperty, replica.url().toString());
        publish(rootKeyProperty, replica.rootKeyHex());
    }

    private void publish(String property, String value) {
        project.getProperties().setProperty(property, value);
        // System properties too: maven-invoker and surefire forks read them, project properties they do not.
        System.setProperty(property, value);
    }
}
