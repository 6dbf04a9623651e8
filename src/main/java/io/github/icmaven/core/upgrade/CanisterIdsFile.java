package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Looks canister names up in a dfx / icp-cli {@code canister_ids.json}: {@code { "name": { "<network>": "<id>" } }}. */
final class CanisterIdsFile {
    private CanisterIdsFile() {}

    /**
     * @param networkKey "local", "ic", or for a URL network "local"
     * @throws InputException naming {@code <canisterName>} or {@code <canisterIdsFile>}
     */
    static String lookUp(Path file, String name, String networkKey) throws InputException {
        if (file == null) {
            throw new InputException(ParameterName.CANISTER_IDS_FILE, "is required to look up <canisterName> '" + name + "'");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(ParameterName.CANISTER_IDS_FILE, file + " does not exist (needed to look up <canisterName> '"
                    + name + "'; or set <canisterId> (ic.canisterId))");
        } catch (IOException e) {
            throw new InputException(ParameterName.CANISTER_IDS_FILE, "cannot read " + file + ": " + e.getMessage());
        }
        Object json;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(ParameterName.CANISTER_IDS_FILE, file + " is not valid JSON: " + e.getMessage());
        }
        if (!(json instanceof Map<?, ?> canisters)) {
            throw new InputException(ParameterName.CANISTER_IDS_FILE, file + " is not a JSON object of canister names");
        }
        if (!(canisters.get(name) instanceof Map<?, ?> byNetwork)) {
            throw new InputException(ParameterName.CANISTER_NAME, "no canister '" + name + "' in " + file + " (it has: "
                    + String.join(", ", canisters.keySet().stream().map(String::valueOf).toList()) + ")");
        }
        if (!(byNetwork.get(networkKey) instanceof String id)) {
            throw new InputException(ParameterName.CANISTER_NAME, "canister '" + name + "' has no id for network '"
                    + networkKey + "' in " + file + " (it has: "
                    + String.join(", ", byNetwork.keySet().stream().map(String::valueOf).toList()) + ")");
        }
        return id;
    }
}
