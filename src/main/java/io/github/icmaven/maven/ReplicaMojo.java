package io.github.icmaven.maven;

import io.github.icmaven.replica.EmbeddedReplica;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Runs the embedded replica in the foreground until the build is interrupted (Ctrl-C), for trying
 * upgrades by hand: {@code mvn ic:replica}, then in another terminal {@code mvn deploy -Dic.network=local}.
 */
@Mojo(name = "replica", requiresProject = false, threadSafe = true)
public class ReplicaMojo extends AbstractReplicaMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the replica (ic.skip)");
            return;
        }
        EmbeddedReplica replica = ReplicaLauncher.start(replicaConfig(), getLog());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeQuietly(replica);
            stopped.countDown();
        }, "ic-replica-shutdown"));
        getLog().info("Press Ctrl-C to stop the replica");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(replica);
        }
    }

    private void closeQuietly(EmbeddedReplica replica) {
        try {
            replica.close();
        } catch (IOException e) {
            getLog().warn("Could not save the replica state: " + e.getMessage());
        }
    }
}
