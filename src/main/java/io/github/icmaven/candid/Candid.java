package io.github.icmaven.candid;

import java.util.ArrayList;
import java.util.List;

/**
 * The Candid binary format ("DIDL" messages) and semantic comparison of values.
 *
 * <pre>{@code
 * byte[] bytes = Candid.encode(List.of(installCodeArgs), List.of(value));
 * IdlValue args = Candid.decode(bytes, List.of(installCodeArgs)).get(0);
 * Principal target = args.field("canister_id").asPrincipal();
 * }</pre>
 */
public final class Candid {
    private Candid() {
    }

    /**
     * Encodes values at the given types. Compound types are written once to the type table and shared.
     * An {@code opt} field or argument may be given as {@link IdlValue#NONE} or {@link IdlValue#NULL};
     * a record value may omit {@code opt} fields.
     *
     * @throws CandidException naming the argument and field path of a value that does not fit its type
     */
    public static byte[] encode(List<IdlType> types, List<IdlValue> values) {
        return BinaryEncoder.encode(types, values);
    }

    /**
     * Encodes values at the types inferred from them (see {@link #inferType(IdlValue)}), e.g. values parsed
     * from Candid text without an interface.
     */
    public static byte[] encode(List<IdlValue> values) {
        List<IdlType> types = new ArrayList<>(values.size());
        values.forEach(v -> types.add(inferType(v)));
        return encode(types, values);
    }

    /**
     * The principal type of a value: numbers, text etc. by their kind; {@code null} as {@code null}; an absent
     * opt as {@code opt empty}, an empty vec as {@code vec empty}; a variant with only its chosen case;
     * vector elements joined (e.g. {@code vec { opt 1; null }} is {@code vec opt nat}).
     *
     * @throws CandidException if vector elements have incompatible types
     */
    public static IdlType inferType(IdlValue value) {
        return TypeInference.infer(value);
    }

    /**
     * Decodes a message as it describes itself. Records and variants carry field ids but no names
     * ({@link IdlValue#field(String)} still works, it looks up by hash).
     *
     * @throws CandidException if the message is malformed
     */
    public static List<IdlValue> decode(byte[] message) {
        return BinaryDecoder.decode(message);
    }

    /**
     * Decodes a message and reads it at the expected types with Candid's subtyping rules: extra arguments
     * and record fields are ignored, missing {@code opt} arguments and fields become {@code null}, an opt
     * whose content does not fit becomes {@code null}, variant cases are matched by id, {@code nat} reads
     * as {@code int}, anything reads as {@code reserved}. The result carries the names of the expected types.
     *
     * @throws CandidException if the message is malformed or does not fit, e.g.
     *     "argument 0: expected record field 'canister_id' of type principal, but the record has only ..."
     */
    public static List<IdlValue> decode(byte[] message, List<IdlType> expected) {
        return Coercion.coerceArgs(decode(message), expected);
    }

    /**
     * Semantic equality of argument lists, for comparing a reply with an expected value written by hand:
     * record fields and variant cases compare by id (names are ignored), integers and floats compare by
     * numeric value whatever their width ({@code 42} equals {@code 42 : nat64}), a blob equals a vec of the
     * same nat8 values, and {@code null} equals an absent opt.
     */
    public static boolean sameValues(List<IdlValue> a, List<IdlValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!ValueEquivalence.same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A value's text, cut short for error messages (a multi-MiB blob must not end up in one). */
    static String abbreviate(IdlValue value) {
        return abbreviate(CandidText.print(value));
    }

    static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
