package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.StepRecord;
import io.github.icmaven.core.upgrade.StepStatus;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.DeploymentRepository;
import org.apache.maven.model.DistributionManagement;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.deployment.DeployRequest;
import org.eclipse.aether.deployment.DeploymentException;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * The {@code canister} packaging's publishing step (phase {@code deploy}, after {@code ic:upgrade}): deploys the
 * module, the pom and attached artifacts to the project's {@code distributionManagement} repository (the
 * {@code snapshotRepository} for a SNAPSHOT version, when set), with the credentials of the settings.xml
 * {@code <server>} of the same id, as maven-deploy-plugin would. Without a {@code distributionManagement}
 * repository there is nothing to publish to, and it says so instead of failing the build.
 */
@Mojo(name = "publish", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PublishMojo extends AbstractMojo {

    /** Publishes nothing. Default: false. */
    @Parameter(property = "ic.skipPublish", defaultValue = "false")
    boolean skipPublish;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Component
    RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipPublish) {
            getLog().info("Skipping ic:publish (ic.skipPublish)");
            return;
        }
        DeploymentRepository target = target();
        if (target == null) {
            getLog().info("publish: the project has no <distributionManagement> repository, the module is not"
                    + " published (it is in the local repository after install)");
            return;
        }
        if (project.getArtifact().getFile() == null) {
            throw new MojoFailureException("publish: the project has no module to publish: run the package phase"
                    + " (ic:package) first");
        }
        long start = System.nanoTime();
        RemoteRepository repository = repositorySystem.newDeploymentRepository(session.getRepositorySession(),
                new RemoteRepository.Builder(target.getId(), "default", target.getUrl()).build());
        DeployRequest request = new DeployRequest().setRepository(repository);
        request.addArtifact(RepositoryUtils.toArtifact(project.getArtifact()));
        Artifact pom = new DefaultArtifact(project.getGroupId(), project.getArtifactId(), "", "pom",
                project.getVersion()).setFile(project.getFile());
        request.addArtifact(pom);
        project.getAttachedArtifacts().forEach(a -> request.addArtifact(RepositoryUtils.toArtifact(a)));
        try {
            repositorySystem.deploy(session.getRepositorySession(), request);
        } catch (DeploymentException e) {
            throw new MojoExecutionException("publish: could not deploy " + project.getArtifact() + " to "
                    + target.getId() + " (" + target.getUrl() + "): " + e.getMessage(), e);
        }
        new MavenUpgradeListener(getLog()).stepFinished(new StepRecord("publish", StepStatus.OK,
                (System.nanoTime() - start) / 1_000_000, project.getArtifact() + " to " + target.getId() + " ("
                + target.getUrl() + ")"));
    }

    /** The repository maven-deploy-plugin would use, or null without one. */
    private DeploymentRepository target() {
        DistributionManagement distribution = project.getDistributionManagement();
        if (distribution == null) {
            return null;
        }
        if (project.getArtifact().isSnapshot() && distribution.getSnapshotRepository() != null) {
            return distribution.getSnapshotRepository();
        }
        return distribution.getRepository();
    }
}
