package io.github.icmaven.maven;

import io.github.icmaven.core.ic.CanisterStatus;
import io.github.icmaven.core.upgrade.CanisterOperations;
import org.apache.maven.plugins.annotations.Mojo;

/** Prints the canister's status: run state, module hash, controllers, memory and cycles. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractOperationMojo {
    @Override
    String goal() {
        return "ic:status";
    }

    @Override
    void operate(CanisterOperations operations) throws Exception {
        CanisterStatus status = operations.status();
        getLog().info("Status:      " + status.status());
        getLog().info("Module hash: " + status.moduleHashHex().orElse("none (empty canister)"));
        getLog().info("Controllers: " + status.controllers());
        getLog().info("Memory:      " + status.memorySize() + " bytes");
        getLog().info("Cycles:      " + status.cycles());
    }
}
