package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.CanisterOperations;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Loads a snapshot into the canister (stopping it meanwhile when it runs). */
@Mojo(name = "restore", threadSafe = true)
public class RestoreMojo extends AbstractOperationMojo {
    /** The snapshot to load: {@code <canister>-<n>} or its hex id, as ic:snapshots lists them. Required. */
    @Parameter(property = "ic.snapshotId")
    String snapshotId;

    @Override
    String goal() {
        return "ic:restore";
    }

    @Override
    void operate(CanisterOperations operations) throws Exception {
        operations.restore(snapshotId);
    }
}
