package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.ic.identity.LoadedIdentity;
import io.github.icmaven.core.ic.transport.RetryListener;
import io.github.icmaven.ic.Principal;

import java.util.HexFormat;
import java.util.function.Function;

/**
 * A connection to one canister on one network as one identity: the resolved {@link TargetConfig}. Opening
 * it changes nothing on the IC; bad parameters fail with an {@link InputException} before any call.
 */
public final class IcSession implements AutoCloseable {
    private final IcNetwork network;
    private final LoadedIdentity identity;
    private final Principal canister;
    private final String canisterLabel;
    private final IcCaller caller;
    private final ManagementCanisterClient client;

    private IcSession(IcNetwork network, LoadedIdentity identity, Principal canister, String canisterLabel, IcCaller caller) {
        this.network = network;
        this.identity = identity;
        this.canister = canister;
        this.canisterLabel = canisterLabel;
        this.caller = caller;
        this.client = new ManagementCanisterClient(caller);
    }

    /** Opens a session with identities from the default dfx directory and the process environment. */
    public static IcSession open(TargetConfig target) throws InputException {
        return open(target, new IdentityLoader(), System::getenv);
    }

    /** As {@link #open(TargetConfig)}, telling {@code retryListener} about every call that is tried again. */
    public static IcSession open(TargetConfig target, RetryListener retryListener) throws InputException {
        return open(target, new IdentityLoader(), System::getenv, retryListener);
    }

    public static IcSession open(TargetConfig target, IdentityLoader loader, Function<String, String> environment)
            throws InputException {
        return open(target, loader, environment, RetryListener.NONE);
    }

    public static IcSession open(TargetConfig target, IdentityLoader loader, Function<String, String> environment,
            RetryListener retryListener) throws InputException {
        IcNetwork network = resolveNetwork(target.network(), target.rootKey());
        Principal canister = resolveCanister(target, network);
        LoadedIdentity identity = new IdentityResolver(loader, environment).load(target.identity());
        IcCaller caller;
        try {
            caller = IcCaller.connect(network, identity.identity(), retryListener);
        } catch (IcCallException e) {
            throw new InputException(ParameterName.NETWORK, "cannot connect to " + network.url() + ": "
                    + CandidInput.oneLine(e.getMessage()));
        }
        checkPinnedRootKey(target.rootKey(), network, caller, canister);
        String label = target.canisterId() == null || target.canisterId().isBlank()
                ? target.canisterName() : canister.toText();
        return new IcSession(network, identity, canister, label, caller);
    }

    /**
     * A pinned root key is tried on one certified read before anything else, so that a key that does not verify the
     * network's certificates fails naming {@code <rootKey>}, not as the protocol error of whichever read meets it
     * first (the node keys the preflight's status query is checked against).
     */
    private static void checkPinnedRootKey(String rootKeyHex, IcNetwork network, IcCaller caller, Principal canister)
            throws InputException {
        if (rootKeyHex == null || rootKeyHex.isBlank()) {
            return;
        }
        try {
            caller.readModuleHash(canister);
        } catch (IcCallException e) {
            if (e.kind() == IcCallException.Kind.PROTOCOL) {
                caller.close();
                throw new InputException(ParameterName.ROOT_KEY, "the certificates of " + network.url()
                        + " do not verify with this key (" + CandidInput.oneLine(e.getMessage()) + "): pin that network's root key");
            }
            // Anything else (network, HTTP) is reported by the calls that follow, as without a pinned key.
        }
    }

    static IcNetwork resolveNetwork(String text) throws InputException {
        try {
            return IcNetwork.resolve(text == null || text.isBlank() ? IcNetwork.LOCAL : text);
        } catch (IllegalArgumentException e) {
            throw new InputException(ParameterName.NETWORK, CandidInput.oneLine(e.getMessage()));
        }
    }

    /** The network with the user's pinned root key (DER hex), if one is given. */
    static IcNetwork resolveNetwork(String text, String rootKeyHex) throws InputException {
        IcNetwork network = resolveNetwork(text);
        if (rootKeyHex == null || rootKeyHex.isBlank()) {
            return network;
        }
        try {
            return network.withPinnedRootKey(HexFormat.of().parseHex(rootKeyHex.trim()));
        } catch (IllegalArgumentException e) {
            throw new InputException(ParameterName.ROOT_KEY, CandidInput.oneLine(e.getMessage()));
        }
    }

    static Principal resolveCanister(TargetConfig target, IcNetwork network) throws InputException {
        String idText = target.canisterId();
        ParameterName source = ParameterName.CANISTER_ID;
        if (idText == null || idText.isBlank()) {
            if (target.canisterName() == null || target.canisterName().isBlank()) {
                throw new InputException(ParameterName.CANISTER_ID, "Which canister? Set " + ParameterName.CANISTER_ID
                        + " or " + ParameterName.CANISTER_NAME + " (looked up in canister_ids.json)", true);
            }
            String key = network.name().equals(IcNetwork.MAINNET) ? IcNetwork.MAINNET : IcNetwork.LOCAL;
            idText = CanisterIdsFile.lookUp(target.canisterIdsFile(), target.canisterName().trim(), key);
            source = ParameterName.CANISTER_NAME;
        }
        try {
            return Principal.fromText(idText.trim());
        } catch (IllegalArgumentException e) {
            throw new InputException(source, "'" + idText + "' is not a canister id: " + CandidInput.oneLine(e.getMessage()));
        }
    }

    public IcNetwork network() {
        return network;
    }

    public LoadedIdentity identity() {
        return identity;
    }

    public Principal canister() {
        return canister;
    }

    /** The canister as the user named it: its name from canister_ids.json, or its id. */
    public String canisterLabel() {
        return canisterLabel;
    }

    /** {@code name (id)} or just the id, for messages. */
    public String describeCanister() {
        return canisterLabel.equals(canister.toText()) ? canisterLabel : canisterLabel + " (" + canister + ")";
    }

    public ManagementCanisterClient client() {
        return client;
    }

    @Override
    public void close() {
        caller.close();
    }
}
