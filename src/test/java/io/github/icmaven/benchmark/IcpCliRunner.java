package io.github.icmaven.benchmark;

import io.github.icmaven.core.backup.IcpCli;
import io.github.icmaven.ic.Principal;

import java.net.URI;
import java.nio.file.Path;

/**
 * The same steps with icp-cli, one command each: {@code canister stop}, {@code canister snapshot create}
 * (replacing the snapshot of the previous run, as our pipeline does), {@code canister install --mode upgrade},
 * {@code canister start}.
 */
final class IcpCliRunner implements UpgradeRunner {
    private final IcpCli icp;
    private final String canister;
    private String lastSnapshot;

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
        String snapshot = lastSnapshot == null
                ? icp.onNetwork(replica, "canister", "snapshot", "create", canister, "-q")
                : icp.onNetwork(replica, "canister", "snapshot", "create", canister, "--replace", lastSnapshot, "-q");
        lastSnapshot = snapshot.trim();
        icp.onNetwork(replica, "canister", "install", canister, "--mode", "upgrade", "--wasm", wasm.toString(), "-y");
        icp.onNetwork(replica, "canister", "start", canister);
    }
}
