package io.github.icmaven.cbor;

/**
 * A tagged CBOR value (major type 6). The decoder drops the self-describe tag 55799 and turns
 * bignum tags 2/3 into {@link java.math.BigInteger}; every other tag arrives as a {@code CborTag}.
 */
public record CborTag(long tag, Object value) {
    /** The self-describe tag the IC puts in front of envelopes and certificates. */
    public static final long SELF_DESCRIBE = 55799;

    /** Wraps {@code value} in the self-describe tag. */
    public static CborTag selfDescribed(Object value) {
        return new CborTag(SELF_DESCRIBE, value);
    }
}
