package io.github.icmaven.replica.node;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.auth.InvalidRequestException;
import io.github.icmaven.replica.ingress.IngressHistory;
import io.github.icmaven.replica.ingress.IngressHistory.CallStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The spec's rules on which state paths a read_state request may ask for (https-interface.md, "Request: Read state"). */
final class ReadStatePaths {
    private static final int MAX_PATHS = 1000;
    private static final int MAX_LABELS = 127;

    private ReadStatePaths() {}

    static void authorize(List<List<byte[]>> paths, Principal sender, Principal effectiveCanisterId, boolean subnetScope,
                          Principal subnetId, List<CanisterView> canisters, IngressHistory history) {
        if (paths.size() > MAX_PATHS) {
            throw new InvalidRequestException(400, "Too many paths requested: " + paths.size() + " > " + MAX_PATHS);
        }
        byte[] requestId = null;
        for (List<byte[]> path : paths) {
            if (path.size() > MAX_LABELS) {
                throw new InvalidRequestException(400, "A path has " + path.size() + " labels; at most " + MAX_LABELS + " are allowed");
            }
            if (path.isEmpty()) {
                throw new InvalidRequestException(404, "Invalid path requested: the empty path");
            }
            switch (text(path.get(0))) {
                case "time", "subnet", "api_boundary_nodes" -> { }
                case "canister_ranges" -> {
                    if (!subnetScope) {
                        throw new InvalidRequestException(404,
                                "Paths /canister_ranges/<subnet_id> can only be read at /api/v3/subnet/<subnet_id>/read_state");
                    }
                }
                case "request_status" -> {
                    if (path.size() >= 2) {
                        if (requestId != null && !Arrays.equals(requestId, path.get(1))) {
                            throw new InvalidRequestException(400, "Can only request a single request ID in request_status paths");
                        }
                        requestId = path.get(1);
                        authorizeRequestStatus(requestId, sender, effectiveCanisterId, subnetScope, history);
                    }
                }
                case "canister" -> authorizeCanisterPath(path, sender, effectiveCanisterId, canisters);
                default -> throw new InvalidRequestException(404, "Invalid path requested: /" + text(path.get(0)));
            }
        }
    }

    private static void authorizeRequestStatus(byte[] requestId, Principal sender, Principal effectiveCanisterId,
                                               boolean subnetScope, IngressHistory history) {
        Optional<CallStatus> status = history.find(requestId);
        if (status.isEmpty()) {
            return;
        }
        if (!status.get().sender().equals(sender)) {
            throw new InvalidRequestException(403, "Request IDs must be for requests signed by the caller.");
        }
        if (!subnetScope && !status.get().effectiveCanisterId().equals(effectiveCanisterId)) {
            throw new InvalidRequestException(403, "Request IDs must be for requests to canisters belonging to the effective canister ID "
                    + effectiveCanisterId + ".");
        }
    }

    private static void authorizeCanisterPath(List<byte[]> path, Principal sender, Principal effectiveCanisterId,
                                              List<CanisterView> canisters) {
        if (path.size() < 2) {
            throw new InvalidRequestException(404, "Invalid path requested: /canister needs a canister id");
        }
        Principal canister = Principal.of(path.get(1));
        if (effectiveCanisterId == null || !canister.equals(effectiveCanisterId)) {
            throw new InvalidRequestException(400, "Effective principal id in URL " + effectiveCanisterId
                    + " does not match requested principal id " + canister + ".");
        }
        if (path.size() >= 4 && text(path.get(2)).equals("metadata")) {
            String name = text(path.get(3));
            canisters.stream().filter(c -> c.id().equals(canister)).findFirst().ifPresent(view -> {
                if (view.privateMetadata().containsKey(name) && !view.controllers().contains(sender)) {
                    throw new InvalidRequestException(403, "Custom section " + name
                            + " can only be requested by the controllers of the canister.");
                }
            });
        }
    }

    private static String text(byte[] label) {
        return new String(label, StandardCharsets.UTF_8);
    }
}
