package io.github.icmaven.benchmark;

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
        String url = replica.toString();
        icp.run("canister", "stop", canister, "-n", url, "-k", "fetch");
        String snapshot = lastSnapshot == null
                ? icp.run("canister", "snapshot", "create", canister, "-q", "-n", url, "-k", "fetch")
                : icp.run("canister", "snapshot", "create", canister, "--replace", lastSnapshot, "-q", "-n", url, "-k", "fetch");
        lastSnapshot = snapshot.trim();
        icp.run("canister", "install", canister, "--mode", "upgrade", "--wasm", wasm.toString(), "-y", "-n", url, "-k", "fetch");
        icp.run("canister", "start", canister, "-n", url, "-k", "fetch");
    }
}
