package io.github.icmaven.core.upgrade;

import java.nio.file.Path;

/**
 * Which canister on which network, as whom: what every goal needs. Fields may be null where the
 * parameter is optional; the resolver reports missing ones naming the parameter.
 *
 * @param network "local", "ic" or a URL
 * @param canisterId canister principal text; wins over {@code canisterName}
 * @param canisterName name looked up in {@code canisterIdsFile}
 * @param rootKey the network's root key as DER hex, pinned by the user (certificates are then verified
 *     against it and it is never fetched), or null
 */
public record TargetConfig(String network, String canisterId, String canisterName, Path canisterIdsFile,
        IdentityConfig identity, String rootKey) {
    public TargetConfig(String network, String canisterId, String canisterName, Path canisterIdsFile,
            IdentityConfig identity) {
        this(network, canisterId, canisterName, canisterIdsFile, identity, null);
    }
}
