package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.ic.identity.LoadedIdentity;
import io.github.icmaven.core.ic.transport.RetryListener;
import io.github.icmaven.ic.Principal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A new canister on a local network, with a first module installed: what {@code ic:create} does so that a
 * project can be tried on a fresh replica. It creates with {@code provisional_create_canister_with_cycles}, which
 * only local replicas (dfx, icp-cli, the embedded one) accept: on the IC, create canisters with icp-cli or dfx.
 */
public final class LocalCanisterCreation {
    private final UpgradeListener listener;

    public LocalCanisterCreation(UpgradeListener listener) {
        this.listener = listener;
    }

    /**
     * Creates a canister controlled by the identity and installs {@code wasm} with the init argument.
     *
     * @return the new canister's id
     */
    public Principal createAndInstall(String networkText, IdentityConfig identityConfig, Path wasm, String arg)
            throws InputException, IcCallException {
        WasmModule module = WasmModule.read(wasm);
        byte[] initArg = CandidInput.upgradeArgument(arg, null, null);
        IcNetwork network = IcSession.resolveNetwork(networkText);
        if (!network.fetchesRootKey()) {
            throw new InputException(ParameterName.NETWORK, network.url() + " is not a local replica: ic:create only"
                    + " creates canisters on local networks (create them on the IC with icp-cli or dfx)");
        }
        LoadedIdentity identity = new IdentityResolver(new IdentityLoader(), System::getenv).load(identityConfig);
        try (IcCaller caller = IcCaller.connect(network, identity.identity(), RetryListener.NONE)) {
            ManagementCanisterClient client = new ManagementCanisterClient(caller);
            long start = System.nanoTime();
            Principal canister = client.provisionalCreateCanisterWithCycles(Optional.empty(), Optional.empty(), List.of());
            String sent = new CodeInstaller(client, listener).install(canister, InstallMode.install(), module, initArg);
            listener.stepFinished(new StepRecord("create", StepStatus.OK, (System.nanoTime() - start) / 1_000_000,
                    canister + " on " + network.url() + ", module " + module.sha256Hex() + " installed (" + sent
                    + "), controller " + identity.principal()));
            return canister;
        }
    }
}
