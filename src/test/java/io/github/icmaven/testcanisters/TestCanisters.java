package io.github.icmaven.testcanisters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The committed test canisters (src/test/canisters/*.wasm, compiled from the .wat next to them) and
 * Candid helpers for their arguments and replies.
 *
 * <p>Every counter canister has: {@code inc : () -> (nat64)}, {@code get : () -> (nat64) query},
 * {@code set : (nat64) -> ()}, {@code version : () -> (text) query}, {@code health : () -> (text) query},
 * {@code fill_stable : (nat32) -> ()}, {@code stable_checksum : () -> (nat64) query},
 * {@code inc_then_trap : () -> ()} (traps after changing state) and
 * {@code inc_in_query : () -> (nat64) query}. The counter lives on the heap and moves through stable
 * memory page 0 across upgrades.
 */
public final class TestCanisters {
    /** The Candid interface appended to every counter module as {@code icp:public candid:service}. */
    public static final String COUNTER_CANDID_SERVICE = String.join("\n",
            "service : {",
            "  inc : () -> (nat64);",
            "  get : () -> (nat64) query;",
            "  set : (nat64) -> ();",
            "  version : () -> (text) query;",
            "  health : () -> (text) query;",
            "  fill_stable : (nat32) -> ();",
            "  stable_checksum : () -> (nat64) query;",
            "  inc_then_trap : () -> ();",
            "  inc_in_query : () -> (nat64) query;",
            "}",
            "");
    /**
     * The interface of counter-v2-incompatible: {@code set} takes an {@code int64} (a {@code nat64} from a v1
     * client no longer fits) and {@code inc_in_query} is gone.
     */
    public static final String INCOMPATIBLE_CANDID_SERVICE = COUNTER_CANDID_SERVICE
            .replace("set : (nat64) -> ();", "set : (int64) -> ();")
            .replace("  inc_in_query : () -> (nat64) query;\n", "");
    public static final String CANDID_SERVICE_SECTION = "icp:public candid:service";
    public static final String PADDING_SECTION = "icp:private padding";

    /** The counter canister sources, by file stem (src/test/canisters/&lt;stem&gt;.wat and .wasm). */
    public static final List<String> COUNTER_STEMS = List.of("counter-v1", "counter-v2", "counter-v2-trap-post-upgrade",
            "counter-v2-bad-health", "counter-v2-lossy", "counter-v2-incompatible");

    private static final byte[] DIDL = "DIDL".getBytes(StandardCharsets.US_ASCII);
    private static final int NAT64 = 0x78;
    private static final int NAT32 = 0x79;
    private static final int TEXT = 0x71;
    private static final long COUNTER_ADDRESS = 0x100;

    private TestCanisters() {}

    /** src/test/canisters of this project (Maven runs tests with the project directory as basedir). */
    public static Path directory() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/test/canisters");
    }

    public static Path counterV1Path() {
        return wasmPath("counter-v1");
    }

    public static Path counterV2Path() {
        return wasmPath("counter-v2");
    }

    public static Path counterV2TrapPostUpgradePath() {
        return wasmPath("counter-v2-trap-post-upgrade");
    }

    public static Path counterV2BadHealthPath() {
        return wasmPath("counter-v2-bad-health");
    }

    public static byte[] counterV1() {
        return read(counterV1Path());
    }

    public static byte[] counterV2() {
        return read(counterV2Path());
    }

    public static byte[] counterV2TrapPostUpgrade() {
        return read(counterV2TrapPostUpgradePath());
    }

    public static byte[] counterV2BadHealth() {
        return read(counterV2BadHealthPath());
    }

    /** The Candid interface the counter canister of this stem carries. */
    public static String candidService(String stem) {
        return stem.equals("counter-v2-incompatible") ? INCOMPATIBLE_CANDID_SERVICE : COUNTER_CANDID_SERVICE;
    }

    public static Path wasmPath(String stem) {
        return directory().resolve(stem + ".wasm");
    }

    public static Path watPath(String stem) {
        return directory().resolve(stem + ".wat");
    }

    /**
     * {@code wasm} grown by an {@code icp:private padding} section of {@code paddingBytes} (pseudo-random,
     * so gzip cannot shrink it much): for modules larger than one ingress message (chunked install).
     */
    public static byte[] withPadding(byte[] wasm, int paddingBytes) {
        return withPadding(wasm, paddingBytes, PADDING_SECTION);
    }

    /**
     * The same with the padding in a custom section of the given name: one that does not start with
     * {@code icp:} is no canister metadata, so it stays out of the replica's state tree, as the code of a
     * really big module would.
     */
    public static byte[] withPadding(byte[] wasm, int paddingBytes, String sectionName) {
        return WasmCustomSections.append(wasm, sectionName, pseudoRandomBytes(paddingBytes, 0x2545F4914F6CDD1DL));
    }

    /** {@code length} bytes of xorshift64 output from a non-zero {@code seed}: the same bytes for the same seed. */
    public static byte[] pseudoRandomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        long state = seed;
        for (int i = 0; i < bytes.length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            bytes[i] = (byte) state;
        }
        return bytes;
    }

    /** The empty Candid argument list {@code ()}: {@code DIDL 00 00}. */
    public static byte[] encodeEmpty() {
        return Arrays.copyOf(DIDL, 6);
    }

    public static byte[] encodeNat64(long value) {
        return ByteBuffer.allocate(15).order(ByteOrder.LITTLE_ENDIAN).put(DIDL).put((byte) 0).put((byte) 1)
                .put((byte) NAT64).putLong(value).array();
    }

    public static byte[] encodeNat32(int value) {
        return ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN).put(DIDL).put((byte) 0).put((byte) 1)
                .put((byte) NAT32).putInt(value).array();
    }

    /** Decodes a reply of exactly one {@code nat64}. */
    public static long decodeNat64(byte[] candid) {
        requireSingleValue(candid, NAT64, "nat64");
        if (candid.length != 15) {
            throw new IllegalArgumentException("a Candid nat64 reply has 15 bytes, got " + candid.length);
        }
        return ByteBuffer.wrap(candid, 7, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Decodes a reply of exactly one {@code text} (shorter than 128 bytes, as the test canisters send). */
    public static String decodeText(byte[] candid) {
        requireSingleValue(candid, TEXT, "text");
        int length = candid[7];
        if (length < 0 || candid.length != 8 + length) {
            throw new IllegalArgumentException("malformed Candid text reply of " + candid.length + " bytes");
        }
        return new String(candid, 8, length, StandardCharsets.UTF_8);
    }

    /**
     * The counter in a snapshot's wasm memory (a backup's {@code wasm_memory.bin}): the counter canisters keep
     * it at heap address 0x100, a little-endian nat64.
     */
    public static long counterInWasmMemory(Path wasmMemoryFile) throws IOException {
        try (FileChannel memory = FileChannel.open(wasmMemoryFile)) {
            ByteBuffer counter = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (counter.hasRemaining()) {
                if (memory.read(counter, COUNTER_ADDRESS + counter.position()) < 0) {
                    throw new IOException(wasmMemoryFile + " ends before the counter at 0x100");
                }
            }
            return counter.flip().getLong();
        }
    }

    /** True for the empty Candid reply {@code ()}. */
    public static boolean isEmpty(byte[] candid) {
        return Arrays.equals(candid, encodeEmpty());
    }

    private static void requireSingleValue(byte[] candid, int type, String typeName) {
        if (candid.length < 7 || !Arrays.equals(Arrays.copyOf(candid, 4), DIDL) || candid[4] != 0 || candid[5] != 1
                || (candid[6] & 0xff) != type) {
            throw new IllegalArgumentException("not a Candid reply of one " + typeName + ": " + Arrays.toString(candid));
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test canister " + path
                    + " (run RegenerateTestCanisters to rebuild it)", e);
        }
    }
}
