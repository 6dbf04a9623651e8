package io.github.icmaven.replica.management;

import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.WasmModule;
import io.github.icmaven.replica.state.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An opaque module for tests: its bytes are text. "BAD..." does not decode; text containing "eop"
 * carries the enhanced-orthogonal-persistence section.
 */
public final class FakeWasmModule implements WasmModule {
    private final byte[] bytes;

    private FakeWasmModule(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static WasmModule decode(byte[] bytes) throws IcReject {
        if (text(bytes).startsWith("BAD")) {
            throw new IcReject(RejectCode.CANISTER_ERROR, "IC0505", "fake: not a wasm module");
        }
        return new FakeWasmModule(bytes);
    }

    public static byte[] module(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public String text() {
        return text(bytes);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] bytesAsSent() {
        return bytes.clone();
    }

    @Override
    public byte[] wasm() {
        return bytes.clone();
    }

    @Override
    public byte[] hash() {
        return Sha256.of(bytes);
    }

    @Override
    public boolean executable() {
        return true;
    }

    @Override
    public boolean enhancedOrthogonalPersistence() {
        return text().contains("eop");
    }

    @Override
    public Map<String, byte[]> publicMetadata() {
        return Map.of();
    }

    @Override
    public Map<String, byte[]> privateMetadata() {
        return enhancedOrthogonalPersistence() ? Map.of("enhanced-orthogonal-persistence", new byte[0]) : Map.of();
    }
}
