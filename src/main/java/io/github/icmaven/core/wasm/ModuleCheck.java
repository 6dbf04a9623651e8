package io.github.icmaven.core.wasm;

import io.github.icmaven.core.upgrade.CustomSections;
import io.github.icmaven.core.upgrade.InputException;
import io.github.icmaven.core.upgrade.ParameterName;
import io.github.icmaven.core.upgrade.WasmModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code ic:package} checks before a module becomes the project's artifact: a WebAssembly 1.0 binary
 * (raw or gzip) whose sections are well formed, within the IC's size limits, with custom sections the IC
 * accepts ({@code icp:public}/{@code icp:private} only, at most 16, at most 1 MiB together, no name both
 * public and private). The IC's own checks at install time are the final word; these catch a wrong or
 * truncated file at {@code package} instead of at {@code deploy}.
 */
public final class ModuleCheck {
    /** The chunk store holds 100 chunks of 1 MiB: the largest module that can be installed. */
    public static final long MAX_MODULE_BYTES = 100L * 1024 * 1024;
    /** The IC's limit on a module after gunzip. */
    public static final long MAX_UNCOMPRESSED_BYTES = 100L * 1024 * 1024;
    static final int MAX_ICP_SECTIONS = 16;
    static final long MAX_ICP_SECTION_BYTES = 1024 * 1024;
    private static final byte[] VERSION_1 = {0x01, 0x00, 0x00, 0x00};

    private ModuleCheck() {}

    /**
     * The module's summary, or an {@link InputException} naming {@code <wasm>} with the first problem found.
     */
    public static ModuleSummary check(WasmModule module) throws InputException {
        String file = String.valueOf(module.file());
        if (module.bytes().length > MAX_MODULE_BYTES) {
            throw new InputException(ParameterName.WASM, file + " is " + module.bytes().length
                    + " bytes, above the IC's limit of " + MAX_MODULE_BYTES + " bytes for a module");
        }
        byte[] wasm = unpacked(file, module);
        for (int i = 0; i < VERSION_1.length; i++) {
            if (wasm.length < 8 || wasm[4 + i] != VERSION_1[i]) {
                throw new InputException(ParameterName.WASM, file + " is not a WebAssembly 1.0 binary (version bytes"
                        + " after \\0asm are not 01 00 00 00)");
            }
        }
        List<CustomSections.Section> sections;
        try {
            sections = CustomSections.of(wasm);
        } catch (CustomSections.MalformedException e) {
            throw new InputException(ParameterName.WASM, file + " " + e.getMessage());
        }
        checkIcpSections(file, sections);
        return new ModuleSummary(module.gzipped(), module.bytes().length, wasm.length, module.sha256Hex(),
                sections.stream().map(CustomSections.Section::name).toList());
    }

    private static byte[] unpacked(String file, WasmModule module) throws InputException {
        try {
            byte[] wasm = module.unpacked((int) MAX_UNCOMPRESSED_BYTES + 1);
            if (wasm.length > MAX_UNCOMPRESSED_BYTES) {
                throw new InputException(ParameterName.WASM, file + " is above the IC's limit of "
                        + MAX_UNCOMPRESSED_BYTES + " bytes once gunzipped");
            }
            return wasm;
        } catch (IOException e) {
            throw new InputException(ParameterName.WASM, file + " is a damaged gzip file: " + e.getMessage());
        }
    }

    /** The canister module format's rules for {@code icp:} sections (interface spec, "Canister module format"). */
    private static void checkIcpSections(String file, List<CustomSections.Section> sections) throws InputException {
        Set<String> exported = new HashSet<>();
        long exportedBytes = 0;
        for (CustomSections.Section section : sections) {
            String name = section.name();
            if (!name.startsWith("icp:")) {
                continue;
            }
            String metadata = name.startsWith("icp:public ") ? name.substring("icp:public ".length())
                    : name.startsWith("icp:private ") ? name.substring("icp:private ".length()) : null;
            if (metadata == null) {
                throw new InputException(ParameterName.WASM, file + " has the custom section '" + name
                        + "': the IC accepts only 'icp:public <name>' and 'icp:private <name>' with that prefix");
            }
            if (!exported.add(metadata)) {
                throw new InputException(ParameterName.WASM, file + " has '" + metadata
                        + "' twice among its icp:public/icp:private custom sections");
            }
            exportedBytes += metadata.getBytes(StandardCharsets.UTF_8).length + section.contentLength();
        }
        if (exported.size() > MAX_ICP_SECTIONS) {
            throw new InputException(ParameterName.WASM, file + " has " + exported.size()
                    + " icp: custom sections, the IC accepts at most " + MAX_ICP_SECTIONS);
        }
        if (exportedBytes > MAX_ICP_SECTION_BYTES) {
            throw new InputException(ParameterName.WASM, file + " has " + exportedBytes
                    + " bytes of icp: custom sections, above the IC's limit of " + MAX_ICP_SECTION_BYTES);
        }
    }
}
