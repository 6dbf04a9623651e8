package io.github.icmaven.core.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.core.upgrade.InputException;
import io.github.icmaven.core.upgrade.WasmModule;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.WasmCustomSections;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCheckTest {
    @TempDir
    Path dir;

    @Test
    void rawModuleIsSummarisedWithItsModuleHashAndCustomSections() throws Exception {
        ModuleSummary summary = check(TestCanisters.counterV2());

        assertFalse(summary.gzipped());
        assertEquals(TestCanisters.counterV2().length, summary.bytes());
        assertEquals(summary.bytes(), summary.uncompressedBytes());
        assertEquals(sha256(TestCanisters.counterV2()), summary.sha256());
        assertEquals(List.of(TestCanisters.CANDID_SERVICE_SECTION), summary.customSections());
    }

    @Test
    void gzipModuleIsCheckedUnpackedAndHashedAsSent() throws Exception {
        byte[] gzip = gzip(TestCanisters.counterV2());

        ModuleSummary summary = check(gzip);

        assertTrue(summary.gzipped());
        assertEquals(gzip.length, summary.bytes());
        assertEquals(TestCanisters.counterV2().length, summary.uncompressedBytes());
        assertEquals(sha256(gzip), summary.sha256());
        assertEquals(List.of(TestCanisters.CANDID_SERVICE_SECTION), summary.customSections());
    }

    @Test
    void truncatedModuleIsRefusedNamingWasm() {
        byte[] wasm = TestCanisters.counterV2();

        InputException e = refused(Arrays.copyOf(wasm, wasm.length - 10));

        assertTrue(e.getMessage().startsWith("<wasm> (ic.wasm): "), e.getMessage());
        assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
    }

    @Test
    void truncatedGzipIsRefused() throws Exception {
        byte[] gzip = gzip(TestCanisters.counterV2());

        InputException e = refused(Arrays.copyOf(gzip, gzip.length / 2));

        assertTrue(e.getMessage().contains("is a damaged gzip file"), e.getMessage());
    }

    @Test
    void otherWasmVersionIsRefused() {
        byte[] wasm = TestCanisters.counterV2().clone();
        wasm[4] = 0x02;

        assertTrue(refused(wasm).getMessage().contains("is not a WebAssembly 1.0 binary"));
    }

    @Test
    void icpSectionOtherThanPublicOrPrivateIsRefused() {
        byte[] wasm = WasmCustomSections.append(TestCanisters.counterV2(), "icp:secret x", new byte[1]);

        assertTrue(refused(wasm).getMessage().contains("the custom section 'icp:secret x'"));
    }

    @Test
    void sameMetadataPublicAndPrivateIsRefused() {
        byte[] wasm = WasmCustomSections.append(TestCanisters.counterV2(), "icp:private candid:service", new byte[1]);

        assertTrue(refused(wasm).getMessage().contains("'candid:service' twice"));
    }

    @Test
    void seventeenIcpSectionsAreRefusedSixteenPass() throws Exception {
        byte[] wasm = TestCanisters.counterV2();
        for (int i = 1; i < 16; i++) {
            wasm = WasmCustomSections.append(wasm, "icp:public m" + i, new byte[1]);
        }
        assertEquals(16, check(wasm).customSections().size());

        byte[] seventeen = WasmCustomSections.append(wasm, "icp:public m16", new byte[1]);

        assertTrue(refused(seventeen).getMessage().contains("has 17 icp: custom sections, the IC accepts at most 16"));
    }

    @Test
    void icpSectionsAboveOneMebibyteAreRefusedOtherCustomSectionsDoNotCount() throws Exception {
        byte[] name = TestCanisters.CANDID_SERVICE_SECTION.substring("icp:public ".length()).getBytes(StandardCharsets.UTF_8);
        int room = 1024 * 1024 - name.length - candidServiceBytes();
        byte[] atLimit = WasmCustomSections.append(TestCanisters.counterV2(), "icp:private big", new byte[room - 3]);
        byte[] withName = WasmCustomSections.append(atLimit, "name", new byte[2 * 1024 * 1024]);
        assertEquals(3, check(withName).customSections().size());

        byte[] above = WasmCustomSections.append(TestCanisters.counterV2(), "icp:private big", new byte[room - 2]);

        assertTrue(refused(above).getMessage().contains("above the IC's limit of 1048576"), refused(above).getMessage());
    }

    private static int candidServiceBytes() {
        return TestCanisters.COUNTER_CANDID_SERVICE.getBytes(StandardCharsets.UTF_8).length;
    }

    private ModuleSummary check(byte[] bytes) throws Exception {
        return ModuleCheck.check(WasmModule.read(write(bytes)));
    }

    private InputException refused(byte[] bytes) {
        return assertThrows(InputException.class, () -> ModuleCheck.check(WasmModule.read(write(bytes))));
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "module", ".wasm");
        Files.write(file, bytes);
        return file;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b}, Arrays.copyOf(out.toByteArray(), 2));
        return out.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
