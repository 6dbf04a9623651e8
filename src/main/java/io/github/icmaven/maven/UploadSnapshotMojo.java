package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.CanisterOperations;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Creates a snapshot of the canister from a backup directory (written by ic:download-snapshot or by
 * {@code icp canister snapshot download}), then optionally loads it. Every file is checked first, against
 * {@code manifest.sha256} when there is one: a corrupted or unfinished backup is refused before anything is
 * sent.
 */
@Mojo(name = "upload-snapshot", threadSafe = true)
public class UploadSnapshotMojo extends AbstractOperationMojo {
    /** The backup to upload. Required. */
    @Parameter(property = "ic.backupDirectory")
    File backupDirectory;

    /**
     * An existing snapshot the new one replaces ({@code <canister>-<n>} or hex). Default: none, the new snapshot
     * is added (the IC keeps at most 10 per canister).
     */
    @Parameter(property = "ic.replaceSnapshotId")
    String replaceSnapshotId;

    /**
     * Loads the new snapshot into the canister once uploaded, stopping the canister meanwhile and starting it
     * again if it was running. Default: false.
     */
    @Parameter(property = "ic.load", defaultValue = "false")
    boolean load;

    /** How many slices (up to 2,000,000 bytes each) are sent at once; memory use is about that many slices. Default: 4. */
    @Parameter(property = "ic.parallelSlices", defaultValue = "4")
    int parallelSlices;

    @Override
    String goal() {
        return "ic:upload-snapshot";
    }

    @Override
    void operate(CanisterOperations operations) throws Exception {
        operations.uploadSnapshot(backupDirectory == null ? null : backupDirectory.toPath(), blankToNull(replaceSnapshotId),
                load, parallelSlices);
    }
}
