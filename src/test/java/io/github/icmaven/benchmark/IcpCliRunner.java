package io.github.icmaven.benchmark;

import io.github.icmaven.core.backup.IcpCli;
import io.github.icmaven.ic.Principal;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The same steps with icp-cli, one command each, as a deploy script runs them (the sequence issue 13 measures):
 * {@code canister stop}, {@code canister snapshot list} (to find the snapshot to replace), {@code canister snapshot
 * create --replace} (the newest listed one, as our pipeline replaces it), {@code canister install --mode upgrade},
 * {@code canister start}.
 */
final class IcpCliRunner implements UpgradeRunner {
    private final IcpCli icp;
    private final String canister;

    IcpCliRunner(IcpCli icp, Principal canister) {
        this.icp = icp;
        this.canister = canister.toText();
    }

    @Override
    public String name() {
        return "icp-cli";
    }

    @Override
    public void upgrade(URI replica, Path wasm) throws Exception {
        icp.onNetwork(replica, "canister", "stop", canister);
        // -q prints one snapshot id (hex) per line, or a sentence when there is none; upgraded this way a canister
        // keeps one rolling snapshot.
        List<String> snapshots = icp.onNetwork(replica, "canister", "snapshot", "list", canister, "-q").lines()
                .map(String::trim).filter(line -> line.matches("[0-9a-fA-F]+")).toList();
        if (snapshots.isEmpty()) {
            icp.onNetwork(replica, "canister", "snapshot", "create", canister, "-q");
        } else {
            icp.onNetwork(replica, "canister", "snapshot", "create", canister, "--replace",
                    snapshots.get(snapshots.size() - 1), "-q");
        }
        icp.onNetwork(replica, "canister", "install", canister, "--mode", "upgrade", "--wasm", wasm.toString(), "-y");
        icp.onNetwork(replica, "canister", "start", canister);
    }
}
