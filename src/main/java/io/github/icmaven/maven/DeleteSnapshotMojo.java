package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.CanisterOperations;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Deletes one of the canister's snapshots. */
@Mojo(name = "delete-snapshot", threadSafe = true)
public class DeleteSnapshotMojo extends AbstractOperationMojo {
    /** The snapshot to delete: {@code <canister>-<n>} or its hex id. Required. */
    @Parameter(property = "ic.snapshotId")
    String snapshotId;

    @Override
    String goal() {
        return "ic:delete-snapshot";
    }

    @Override
    void operate(CanisterOperations operations) throws Exception {
        operations.deleteSnapshot(snapshotId);
    }
}
