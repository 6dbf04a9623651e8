package io.github.icmaven.replica.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wabt.Wat2Wasm;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.WasmCustomSections;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class WasmModuleTest {
    /** A minimal wasm64 module as Motoko emits them: a memory with the memory64 limits flag, and the EOP section. */
    static byte[] wasm64Module() {
        byte[] header = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        byte[] memorySection = {0x05, 0x03, 0x01, 0x04, 0x01}; // id 5, 3 bytes: one memory, flags=memory64, min=1
        byte[] wasm = concat(header, memorySection);
        wasm = WasmCustomSections.append(wasm, "icp:private enhanced-orthogonal-persistence", new byte[0]);
        return WasmCustomSections.append(wasm, "icp:public candid:service", "service : {}".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A wasm64 module the lowering to wasm32 cannot handle (its one function uses a SIMD instruction),
     * with the EOP section: installed opaque.
     */
    static byte[] unlowerableWasm64Module() {
        byte[] header = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        byte[] typeSection = {0x01, 0x04, 0x01, 0x60, 0x00, 0x00}; // one type: () -> ()
        byte[] functionSection = {0x03, 0x02, 0x01, 0x00};
        byte[] memorySection = {0x05, 0x03, 0x01, 0x04, 0x01}; // memory64, min 1
        // one body: no locals; i32.const 0; i8x16.splat (0xfd 0x0f); drop; end
        byte[] codeSection = {0x0a, 0x09, 0x01, 0x07, 0x00, 0x41, 0x00, (byte) 0xfd, 0x0f, 0x1a, 0x0b};
        byte[] wasm = concat(concat(concat(concat(header, typeSection), functionSection), memorySection), codeSection);
        return WasmCustomSections.append(wasm, "icp:private enhanced-orthogonal-persistence", new byte[0]);
    }

    @Test
    void gzipModuleIsDecompressedAndHashedAsSent() throws Exception {
        byte[] wasm = TestCanisters.counterV1();
        byte[] gzip = gzip(wasm);

        WasmModule module = WasmModule.decode(gzip);

        assertArrayEquals(wasm, module.wasm());
        assertArrayEquals(gzip, module.bytesAsSent());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(gzip), module.hash());
        assertFalse(Arrays.equals(MessageDigest.getInstance("SHA-256").digest(wasm), module.hash()));
        assertTrue(module.executable());
    }

    @Test
    void brokenGzipIsAnInvalidModule() throws Exception {
        byte[] gzip = gzip(TestCanisters.counterV1());
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);
        IcReject reject = assertThrows(IcReject.class, () -> WasmModule.decode(truncated));
        assertEquals("IC0505", reject.errorCode());
        assertTrue(reject.getMessage().contains("Failed to decompress"), reject.getMessage());
    }

    @Test
    void bytesThatAreNotWasmAreRejectedWithIc0505() {
        IcReject reject = assertThrows(IcReject.class, () -> WasmModule.decode("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("IC0505", reject.errorCode());
        assertEquals(RejectCode.CANISTER_ERROR, reject.rejectCode());
        assertTrue(reject.getMessage().startsWith("Canister's Wasm module is not valid: Failed to decode wasm module"),
                reject.getMessage());
    }

    @Test
    void moduleThatDoesNotValidateIsRejectedWithTheParserMessage() {
        byte[] illTyped = Wat2Wasm.parse("(module (func (export \"canister_update f\")))");
        // Turn the empty body into one that leaves an i32 on the stack of a () -> () function.
        byte[] body = {0x04, 0x00, 0x41, 0x01, 0x0b};
        byte[] broken = replaceCodeSection(illTyped, body);
        IcReject reject = assertThrows(IcReject.class, () -> WasmModule.decode(broken));
        assertEquals("IC0505", reject.errorCode());
    }

    @Test
    void importsOutsideIc0AndWrongSignaturesAreInvalid() {
        IcReject foreign = assertThrows(IcReject.class, () -> WasmModule.decode(
                Wat2Wasm.parse("(module (import \"env\" \"f\" (func)))")));
        assertTrue(foreign.getMessage().contains("Module imports 'f' from 'env'"), foreign.getMessage());
        IcReject mistyped = assertThrows(IcReject.class, () -> WasmModule.decode(
                Wat2Wasm.parse("(module (import \"ic0\" \"msg_reply\" (func (param i32))))")));
        assertTrue(mistyped.getMessage().contains("'msg_reply' from 'ic0' that has the wrong signature"),
                mistyped.getMessage());
        IcReject badEntryPoint = assertThrows(IcReject.class, () -> WasmModule.decode(
                Wat2Wasm.parse("(module (func (export \"canister_update f\") (param i32)))")));
        assertTrue(badEntryPoint.getMessage().contains("Expected type () -> ()"), badEntryPoint.getMessage());
    }

    @Test
    void metadataSectionsAreReadByScope() throws Exception {
        byte[] wasm = Wat2Wasm.parse("(module)");
        wasm = WasmCustomSections.append(wasm, "icp:public candid:service", "service : {}".getBytes());
        wasm = WasmCustomSections.append(wasm, "icp:private git:commit", "abc".getBytes());
        wasm = WasmCustomSections.append(wasm, "build-info", new byte[] {0});

        WasmModule module = WasmModule.decode(wasm);

        assertEquals(List.of("candid:service"), List.copyOf(module.publicMetadata().keySet()));
        assertArrayEquals("abc".getBytes(), module.privateMetadata().get("git:commit"));
        assertFalse(module.enhancedOrthogonalPersistence());
    }

    @Test
    void sameNameInBothScopesIsInvalid() {
        byte[] wasm = Wat2Wasm.parse("(module)");
        byte[] duplicate = WasmCustomSections.append(WasmCustomSections.append(wasm, "icp:public x", new byte[0]),
                "icp:private x", new byte[0]);
        assertEquals("IC0505", assertThrows(IcReject.class, () -> WasmModule.decode(duplicate)).errorCode());
    }

    @Test
    void wasm64ModuleIsLoweredToRunAndKeepsItsEnhancedOrthogonalPersistence() throws Exception {
        WasmModule module = WasmModule.decode(wasm64Module());
        assertTrue(module.executable());
        assertArrayEquals(wasm64Module(), module.wasm(), "the module as sent, not its wasm32 lowering");
        assertTrue(module.enhancedOrthogonalPersistence());
        assertArrayEquals("service : {}".getBytes(), module.publicMetadata().get("candid:service"));
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Replaces the code section (id 10) of a one-function module with one holding {@code body}. */
    private static byte[] replaceCodeSection(byte[] wasm, byte[] body) {
        int position = 8;
        while (position < wasm.length) {
            int id = wasm[position];
            int size = wasm[position + 1]; // the tiny test module's sections are all shorter than 128 bytes
            if (id == 10) {
                byte[] section = concat(new byte[] {10, (byte) (body.length + 2), 1, (byte) body.length}, body);
                return concat(concat(Arrays.copyOf(wasm, position), section),
                        Arrays.copyOfRange(wasm, position + 2 + size, wasm.length));
            }
            position += 2 + size;
        }
        throw new IllegalArgumentException("no code section");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
