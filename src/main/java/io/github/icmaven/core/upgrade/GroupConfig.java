package io.github.icmaven.core.upgrade;

import java.nio.file.Path;
import java.util.List;

/**
 * Canisters upgraded as one: in the listed order, all snapshotted before the first install, and all put back
 * (in reverse order) if any of them fails.
 *
 * @param canisters at least one; their targets share the network and identity
 * @param journalDirectory where the crash journal is kept and looked for; null for no journal
 */
public record GroupConfig(List<UpgradeConfig> canisters, Path journalDirectory) {
    public GroupConfig {
        if (canisters.isEmpty()) {
            throw new IllegalArgumentException("no canister to upgrade");
        }
        canisters = List.copyOf(canisters);
    }

    public static GroupConfig of(UpgradeConfig single, Path journalDirectory) {
        return new GroupConfig(List.of(single), journalDirectory);
    }

    boolean dryRun() {
        return canisters.stream().anyMatch(UpgradeConfig::dryRun);
    }
}
