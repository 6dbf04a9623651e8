package io.github.icmaven.replica.certification;

/**
 * The outcome of {@link HashTree#lookup}: the spec's Found / Absent / Unknown / Error.
 *
 * @param status  which outcome
 * @param value   the leaf value when {@code FOUND} at a leaf, else {@code null}
 * @param subtree the subtree at the path when {@code FOUND} or {@code ERROR}, else {@code null}
 */
public record LookupResult(Status status, byte[] value, HashTree subtree) {
    public enum Status { FOUND, ABSENT, UNKNOWN, ERROR }

    static final LookupResult ABSENT = new LookupResult(Status.ABSENT, null, null);
    static final LookupResult UNKNOWN = new LookupResult(Status.UNKNOWN, null, null);

    static LookupResult found(byte[] value, HashTree subtree) {
        return new LookupResult(Status.FOUND, value, subtree);
    }

    static LookupResult error(HashTree subtree) {
        return new LookupResult(Status.ERROR, null, subtree);
    }
}
