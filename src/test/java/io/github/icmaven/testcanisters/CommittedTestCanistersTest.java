package io.github.icmaven.testcanisters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.icmaven.replica.execution.WasmModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CommittedTestCanistersTest {
    static Iterable<String> stems() {
        return TestCanisters.COUNTER_STEMS;
    }

    @ParameterizedTest
    @MethodSource("stems")
    void committedWasmIsTheCompiledWatWithItsCandidSection(String stem) throws Exception {
        byte[] fresh = TestCanisterCompiler.compileCounter(stem);
        assertArrayEquals(fresh, Files.readAllBytes(TestCanisters.wasmPath(stem)),
                stem + ".wasm is stale: run RegenerateTestCanisters");
    }

    @ParameterizedTest
    @MethodSource("stems")
    void moduleCarriesTheCandidServiceAsPublicMetadata(String stem) throws Exception {
        WasmModule module = WasmModule.decode(Files.readAllBytes(TestCanisters.wasmPath(stem)));
        assertEquals(TestCanisters.candidService(stem),
                new String(module.publicMetadata().get("candid:service"), StandardCharsets.UTF_8));
    }

    @Test
    void paddingGrowsTheModuleAndKeepsItValid() throws Exception {
        byte[] padded = TestCanisters.withPadding(TestCanisters.counterV1(), 3 * 1024 * 1024);
        WasmModule module = WasmModule.decode(padded);
        assertEquals(3 * 1024 * 1024, module.privateMetadata().get("padding").length);
        assertEquals(true, padded.length > 3 * 1024 * 1024);
    }

    @Test
    void candidHelpersRoundTripAndRejectOtherTypes() {
        assertEquals(-2L, TestCanisters.decodeNat64(TestCanisters.encodeNat64(-2L)));
        assertThrows(IllegalArgumentException.class, () -> TestCanisters.decodeNat64(TestCanisters.encodeNat32(1)));
        assertEquals("v1", TestCanisters.decodeText(new byte[] {'D', 'I', 'D', 'L', 0, 1, 0x71, 2, 'v', '1'}));
    }
}
