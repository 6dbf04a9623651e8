package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.CanisterOperations;
import org.apache.maven.plugins.annotations.Mojo;

/** Takes a snapshot of the canister (stopping it meanwhile when it runs); never replaces one. */
@Mojo(name = "snapshot", threadSafe = true)
public class SnapshotMojo extends AbstractOperationMojo {
    @Override
    String goal() {
        return "ic:snapshot";
    }

    @Override
    void operate(CanisterOperations operations) throws Exception {
        operations.takeSnapshot();
    }
}
