package io.github.icmaven.core.upgrade;

import java.nio.file.Path;
import java.util.List;

/**
 * Canisters upgraded as one: all pass preflight before any is touched, all are snapshotted before the first
 * install, and all are put back if any of them fails.
 *
 * @param canisters at least one; their targets share the network and identity
 * @param journalDirectory where the crash journal is kept and looked for; null for no journal
 * @param parallelism how many canisters go through a phase at once; 1 is one after another in the listed order
 * @param canary how many of the first listed canisters go through the whole upgrade, health check included,
 *     before the others start; 0 for none
 */
public record GroupConfig(List<UpgradeConfig> canisters, Path journalDirectory, int parallelism, int canary) {
    /**
     * The default parallelism's cap: each canister's steps wait for consensus rounds, not for this machine, so a
     * fleet of up to this many moves in about one canister's time; beyond it, threads and open requests stay bounded.
     */
    public static final int MAX_DEFAULT_PARALLELISM = 32;

    public GroupConfig {
        if (canisters.isEmpty()) {
            throw new IllegalArgumentException("no canister to upgrade");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be 1 or more, got " + parallelism);
        }
        if (canary < 0) {
            throw new IllegalArgumentException("canary must be 0 or more, got " + canary);
        }
        canisters = List.copyOf(canisters);
    }

    /** With the default parallelism and no canary. */
    public GroupConfig(List<UpgradeConfig> canisters, Path journalDirectory) {
        this(canisters, journalDirectory, defaultParallelism(canisters.size()), 0);
    }

    public static GroupConfig of(UpgradeConfig single, Path journalDirectory) {
        return new GroupConfig(List.of(single), journalDirectory);
    }

    /** Every canister at once, up to {@link #MAX_DEFAULT_PARALLELISM}. */
    public static int defaultParallelism(int canisters) {
        return Math.max(1, Math.min(canisters, MAX_DEFAULT_PARALLELISM));
    }

    boolean dryRun() {
        return canisters.stream().anyMatch(UpgradeConfig::dryRun);
    }
}
