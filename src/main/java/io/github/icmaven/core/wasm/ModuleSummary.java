package io.github.icmaven.core.wasm;

import java.util.List;

/**
 * A checked module, as {@code ic:package} prints it.
 *
 * @param gzipped whether the file is gzip (the IC gunzips it at install)
 * @param bytes the file's size, what is sent to the IC
 * @param uncompressedBytes the WebAssembly binary's size (same as {@code bytes} for a raw module)
 * @param sha256 hex SHA-256 of the file: the {@code module_hash} the canister reports once it is installed
 * @param customSections names of the custom sections, in order (metadata is {@code icp:public <name>} or
 *     {@code icp:private <name>})
 */
public record ModuleSummary(boolean gzipped, long bytes, long uncompressedBytes, String sha256,
        List<String> customSections) {

    public ModuleSummary {
        customSections = List.copyOf(customSections);
    }
}
