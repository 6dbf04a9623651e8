package io.github.icmaven.testcanisters;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compiles a test canister's WAT source and appends its Candid interface, as the committed .wasm holds it. */
public final class TestCanisterCompiler {
    private TestCanisterCompiler() {}

    public static byte[] compileCounter(Path watSource) throws IOException {
        byte[] wasm = Wat2Wasm.parse(Files.readString(watSource));
        return WasmCustomSections.append(wasm, TestCanisters.CANDID_SERVICE_SECTION,
                TestCanisters.COUNTER_CANDID_SERVICE.getBytes(StandardCharsets.UTF_8));
    }
}
