package io.github.icmaven.core.ic;

import io.github.icmaven.ic.Principal;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code canister_status} reports that an upgrade needs.
 *
 * @param moduleHash SHA-256 of the installed module as sent, empty when no code is installed
 * @param version the canister version, when the replica reports it
 */
public record CanisterStatus(CanisterRunStatus status, Optional<byte[]> moduleHash, List<Principal> controllers,
        BigInteger memorySize, BigInteger cycles, OptionalLong version) {

    public CanisterStatus {
        moduleHash = moduleHash.map(byte[]::clone);
        controllers = List.copyOf(controllers);
    }

    @Override
    public Optional<byte[]> moduleHash() {
        return moduleHash.map(byte[]::clone);
    }

    /** The module hash in lower-case hex, as dfx prints it. */
    public Optional<String> moduleHashHex() {
        return moduleHash.map(h -> HexFormat.of().formatHex(h));
    }

    public boolean hasCode() {
        return moduleHash.isPresent();
    }

    @Override
    public String toString() {
        return "CanisterStatus[" + status + ", module " + moduleHashHex().orElse("none") + ", controllers " + controllers
                + ", memory " + memorySize + " B, cycles " + cycles + "]";
    }
}
