package io.github.icmaven.core.upgrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canister metadata a module carries: its custom sections named {@code icp:public <name>} or
 * {@code icp:private <name>}, by name, as the IC will publish them once it is installed. The new module's
 * {@code candid:service} and {@code motoko:stable-types} are read from here before the upgrade.
 */
final class ModuleMetadata {
    private final Map<String, byte[]> sections;

    private ModuleMetadata(Map<String, byte[]> sections) {
        this.sections = sections;
    }

    /** @throws InputException naming {@code <wasm>} when the module's sections cannot be read */
    static ModuleMetadata of(WasmModule module) throws InputException {
        byte[] wasm;
        try {
            wasm = module.unpacked(Integer.MAX_VALUE);
            return new ModuleMetadata(metadata(wasm));
        } catch (IOException | RuntimeException e) {
            throw new InputException(ParameterName.WASM, module.file() + ": cannot read its sections ("
                    + e.getMessage() + ")");
        } catch (CustomSections.MalformedException e) {
            throw new InputException(ParameterName.WASM, module.file() + ": cannot read its sections (it "
                    + e.getMessage() + ")");
        }
    }

    /** A section's content as UTF-8 text, whether public or private. */
    Optional<String> text(String name) {
        return Optional.ofNullable(sections.get(name)).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> metadata(byte[] wasm) throws CustomSections.MalformedException {
        Map<String, byte[]> found = new HashMap<>();
        for (CustomSections.Section section : CustomSections.of(wasm)) {
            for (String prefix : new String[] {"icp:public ", "icp:private "}) {
                if (section.name().startsWith(prefix)) {
                    found.put(section.name().substring(prefix.length()), section.content(wasm));
                }
            }
        }
        return found;
    }
}
