package io.github.icmaven.candid;

import java.util.List;

/**
 * The Candid text format: argument tuples such as
 * {@code (record { canister_id = principal "aaaaa-aa"; arg = blob "\00\ab" }, 42 : nat64)} and types such as
 * {@code record { mode : variant { install; upgrade : opt record { skip_pre_upgrade : opt bool } } }}.
 * Comments ({@code //}, {@code /* *}{@code /}), underscores in numbers and hex numbers ({@code 0xff}) are accepted.
 */
public final class CandidText {
    private CandidText() {
    }

    /**
     * Parses an argument tuple and infers types from the literals: a whole number is {@code nat} (negative:
     * {@code int}), a fractional one {@code float64}, unless annotated ({@code 42 : nat64}); {@code null} is
     * {@code null}; {@code vec { 1; 2 }} holds nats (write {@code blob "..."} for bytes).
     *
     * @throws CandidException with line and column of the first problem
     */
    public static List<IdlValue> parseArgs(String text) {
        return TextParser.parseArgs(text, null);
    }

    /**
     * Parses an argument tuple at the expected types: {@code (42)} becomes a {@code nat64} where one is
     * expected, a bare value where an {@code opt} is expected becomes {@code opt value}, missing trailing
     * {@code opt} arguments and record fields become {@code null}; record fields the type does not declare
     * are ignored (as the Candid spec prescribes). Values carry the names of the expected types.
     *
     * @throws CandidException naming the argument, field and position of the first mismatch
     */
    public static List<IdlValue> parseArgs(String text, List<IdlType> expected) {
        return TextParser.parseArgs(text, expected);
    }

    /**
     * Parses one type written without named type references, e.g. {@code opt vec principal} or
     * {@code variant { keep; replace }}; {@code blob} stands for {@code vec nat8}.
     */
    public static IdlType parseType(String text) {
        return TextParser.parseType(text);
    }

    /** Parses a parenthesised list of types, e.g. {@code (record { canister_id : principal }, opt nat64)}. */
    public static List<IdlType> parseTypes(String text) {
        return TextParser.parseTypes(text);
    }

    /**
     * Prints an argument tuple on one line, e.g. {@code (42 : nat64)} or {@code ("ok")}; numbers carry
     * their type, fields their name when known (else their id). The output parses back to equal values.
     */
    public static String print(List<IdlValue> args) {
        return TextPrinter.printArgs(args);
    }

    /** Prints one value, e.g. {@code record { id = blob "\01"; size = 5 : nat64 }}. */
    public static String print(IdlValue value) {
        return TextPrinter.print(value);
    }
}
