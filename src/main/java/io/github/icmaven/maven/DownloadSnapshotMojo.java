package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.CanisterOperations;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Downloads a snapshot of the canister into a directory, in icp-cli's layout ({@code icp canister snapshot
 * upload} takes it) plus {@code manifest.sha256}, the SHA-256 of every file. Slices are read in parallel and
 * streamed to disk; running the goal again on the directory of an interrupted download reads only what is
 * missing. The canister keeps running.
 */
@Mojo(name = "download-snapshot", threadSafe = true)
public class DownloadSnapshotMojo extends AbstractOperationMojo {
    /** The snapshot to download: {@code <canister>-<n>} or its hex id, as ic:snapshots lists them. Default: the newest. */
    @Parameter(property = "ic.snapshotId")
    String snapshotId;

    /**
     * The directory to download into, created if missing. It must be empty, or hold an interrupted download of
     * the same snapshot, which is then finished. Required.
     */
    @Parameter(property = "ic.backupDirectory")
    File backupDirectory;

    /** How many slices (up to 2,000,000 bytes each) are read at once; memory use is about that many slices. Default: 4. */
    @Parameter(property = "ic.parallelSlices", defaultValue = "4")
    int parallelSlices;

    @Override
    String goal() {
        return "ic:download-snapshot";
    }

    @Override
    void operate(CanisterOperations operations) throws Exception {
        operations.downloadSnapshot(blankToNull(snapshotId), backupDirectory == null ? null : backupDirectory.toPath(),
                parallelSlices);
    }
}
