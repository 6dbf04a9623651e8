package io.github.icmaven.maven;

import io.github.icmaven.core.ic.SnapshotInfo;
import io.github.icmaven.core.upgrade.CanisterOperations;
import java.util.List;
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
        List<SnapshotInfo> snapshots = operations.listSnapshots();
        getLog().info(snapshots.size() + " snapshot(s)");
        for (SnapshotInfo s : snapshots) {
            getLog().info(String.format("  %s  taken %s  %d bytes", s.textId(), s.takenAt(), s.totalSize()));
        }
    }
}
