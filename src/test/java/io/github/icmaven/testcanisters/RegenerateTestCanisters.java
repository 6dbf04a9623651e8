package io.github.icmaven.testcanisters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rebuilds src/test/canisters/*.wasm from their .wat sources; run it from the project directory
 * (with the test classpath) after editing a .wat. CommittedTestCanistersTest fails until you do.
 */
public final class RegenerateTestCanisters {
    private RegenerateTestCanisters() {}

    public static void main(String[] args) throws Exception {
        for (String stem : TestCanisters.COUNTER_STEMS) {
            Path wasm = TestCanisters.wasmPath(stem);
            Files.write(wasm, TestCanisterCompiler.compileCounter(stem));
            System.out.println("wrote " + wasm);
        }
    }
}
