package io.github.icmaven.maven;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.upgrade.CanisterOperations;
import io.github.icmaven.core.upgrade.IcSession;
import io.github.icmaven.core.upgrade.InputException;
import io.github.icmaven.core.upgrade.TargetConfig;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/** The manual goals: one operation on one canister, over a session that is closed afterwards. */
abstract class AbstractOperationMojo extends AbstractIcMojo {

    @Override
    final void run(TargetConfig target) throws MojoExecutionException, MojoFailureException, InputException {
        MavenUpgradeListener listener = new MavenUpgradeListener(getLog());
        try (IcSession session = IcSession.open(target, listener::warn)) {
            operate(new CanisterOperations(session, listener));
        } catch (InputException e) {
            throw e;
        } catch (IcCallException e) {
            // A rejection is the IC saying no (not a controller, unknown snapshot...): the user's to fix.
            if (e.isRejection()) {
                throw new MojoFailureException(goal() + " failed: " + e.getMessage(), e);
            }
            throw new MojoExecutionException(goal() + " failed: " + e.getMessage(), e);
        } catch (MojoFailureException | MojoExecutionException e) {
            throw e;
        } catch (Exception e) {
            throw new MojoExecutionException(goal() + " failed: " + e.getMessage(), e);
        }
    }

    abstract void operate(CanisterOperations operations) throws Exception;
}
