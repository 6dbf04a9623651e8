package io.github.icmaven.core.ic;

import io.github.icmaven.ic.Principal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A canister snapshot id. The IC builds it as an 8-byte big-endian per-canister counter followed by the
 * canister id; its text form is {@code <canister>-<counter>} (hex for ids of any other shape).
 */
public final class SnapshotId {
    private static final int COUNTER_BYTES = 8;

    private final byte[] bytes;

    private SnapshotId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SnapshotId of(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("A snapshot id cannot be empty");
        }
        return new SnapshotId(bytes.clone());
    }

    /**
     * Parses {@code <canister>-<counter>} or hex.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static SnapshotId fromText(String text) {
        String t = text == null ? "" : text.trim();
        int dash = t.lastIndexOf('-');
        if (dash > 0 && t.substring(dash + 1).matches("\\d{1,20}")) {
            try {
                Principal canister = Principal.fromText(t.substring(0, dash));
                long counter = Long.parseUnsignedLong(t.substring(dash + 1));
                byte[] canisterBytes = canister.bytes();
                return new SnapshotId(ByteBuffer.allocate(COUNTER_BYTES + canisterBytes.length)
                        .putLong(counter).put(canisterBytes).array());
            } catch (IllegalArgumentException e) {
                // fall through to hex
            }
        }
        if (!t.isEmpty() && t.length() % 2 == 0 && t.matches("[0-9a-fA-F]+")) {
            return new SnapshotId(HexFormat.of().parseHex(t));
        }
        throw new IllegalArgumentException("'" + text + "' is not a snapshot id: expected <canister id>-<number> "
                + "(e.g. lxzze-o7777-77777-aaaaa-cai-3) or the id's bytes in hex");
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code <canister>-<counter>} when the id has the IC's layout, else hex. */
    public String toText() {
        if (bytes.length > COUNTER_BYTES && bytes.length - COUNTER_BYTES <= 29) {
            long counter = ByteBuffer.wrap(bytes, 0, COUNTER_BYTES).getLong();
            Principal canister = Principal.of(Arrays.copyOfRange(bytes, COUNTER_BYTES, bytes.length));
            return canister.toText() + "-" + Long.toUnsignedString(counter);
        }
        return toHex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotId s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toText();
    }
}
