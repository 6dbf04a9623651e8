package io.github.icmaven.testcanisters;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Compiles a test canister's WAT source and appends its Candid interface, as the committed .wasm holds it. */
public final class TestCanisterCompiler {
    private TestCanisterCompiler() {}

    /** The counter canister of this stem (src/test/canisters/&lt;stem&gt;.wat) with its interface. */
    public static byte[] compileCounter(String stem) throws IOException {
        byte[] wasm = Wat2Wasm.parse(Files.readString(TestCanisters.watPath(stem)));
        return WasmCustomSections.append(wasm, TestCanisters.CANDID_SERVICE_SECTION,
                TestCanisters.candidService(stem).getBytes(StandardCharsets.UTF_8));
    }
}
