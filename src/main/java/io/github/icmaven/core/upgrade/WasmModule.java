package io.github.icmaven.core.upgrade;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * A module file as it will be sent (raw or gzip) and its hash, which is what {@code canister_status}
 * reports as {@code module_hash} once it is installed.
 */
public record WasmModule(Path file, byte[] bytes, byte[] sha256, boolean gzipped) {
    private static final byte[] WASM_MAGIC = {0x00, 0x61, 0x73, 0x6d};

    /**
     * Reads and checks a module file: it must exist and be wasm, directly or after gunzip.
     *
     * @throws InputException naming {@code <wasm>}
     */
    public static WasmModule read(Path file) throws InputException {
        if (file == null) {
            throw new InputException(ParameterName.WASM, "is required: the module file (.wasm or .wasm.gz) to install, or set <wasmArtifact> (ic.wasmArtifact)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(ParameterName.WASM, file + " does not exist");
        } catch (IOException e) {
            throw new InputException(ParameterName.WASM, "cannot read " + file + ": " + e.getMessage());
        }
        boolean gzipped = bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        byte[] head = gzipped ? gunzippedHead(file, bytes) : bytes;
        if (head.length < 4 || !Arrays.equals(Arrays.copyOf(head, 4), WASM_MAGIC)) {
            throw new InputException(ParameterName.WASM, file + " is not a WebAssembly module (it does not start with \\0asm"
                    + (gzipped ? " after gunzip" : "") + ")");
        }
        return new WasmModule(file, bytes, sha256(bytes), gzipped);
    }

    /**
     * The wasm binary itself: the bytes as read, or gunzipped when the file is gzip, then at most
     * {@code maxBytes} of it (ask for one more than a limit to tell that it is above).
     */
    public byte[] unpacked(int maxBytes) throws IOException {
        return gzipped ? gunzip(bytes, maxBytes) : bytes;
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] gunzip(byte[] gzip, int maxBytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readNBytes(maxBytes);
        }
    }

    private static byte[] gunzippedHead(Path file, byte[] gzip) throws InputException {
        try {
            return gunzip(gzip, WASM_MAGIC.length);
        } catch (IOException e) {
            throw new InputException(ParameterName.WASM, file + " looks like gzip but cannot be unpacked: " + e.getMessage());
        }
    }
}
