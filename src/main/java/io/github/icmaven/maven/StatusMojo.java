package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.CanisterOperations;
import org.apache.maven.plugins.annotations.Mojo;

/** Prints the canister's status: run state, module hash, controllers, memory, cycles and snapshots. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractOperationMojo {
    @Override
    String goal() {
        return "ic:status";
    }

    @Override
    void operate(CanisterOperations operations) throws Exception {
        operations.status(); // the operation logs the status
    }
}
