package io.github.icmaven.replica.node;

import io.github.icmaven.ic.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What the certified state tree shows of a canister; timestamps the replica did not record are empty. */
public record CanisterView(
        Principal id,
        List<Principal> controllers,
        Optional<byte[]> moduleHash,
        Map<String, byte[]> publicMetadata,
        Map<String, byte[]> privateMetadata,
        byte[] certifiedData,
        OptionalLong creationTimestampNanos,
        OptionalLong lastInstallTimestampNanos) {}
