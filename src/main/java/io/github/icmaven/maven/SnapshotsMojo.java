package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.CanisterOperations;
import org.apache.maven.plugins.annotations.Mojo;

/** Lists the canister's snapshots: id, time taken, size. */
@Mojo(name = "snapshots", threadSafe = true)
public class SnapshotsMojo extends AbstractOperationMojo {
    @Override
    String goal() {
        return "ic:snapshots";
    }

    @Override
    void operate(CanisterOperations operations) throws Exception {
        operations.listSnapshots(); // the operation logs the list
    }
}
