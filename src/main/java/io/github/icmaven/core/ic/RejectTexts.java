package io.github.icmaven.core.ic;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the IC error code in a reject message or an HTTP error body, for the answers that do not carry it as a
 * field (older replicas, boundary-node errors).
 */
public final class RejectTexts {
    private static final Pattern LABELLED_ERROR_CODE =
            Pattern.compile("(?i)error[ _]code\\W{0,3}(IC\\d{4})\\b");
    private static final Pattern ANY_ERROR_CODE = Pattern.compile("\\b(IC\\d{4})\\b");

    /** Well-known replica phrasings, for messages that do not name their code. */
    private static final List<KnownPhrase> KNOWN_PHRASES = List.of(
            new KnownPhrase(Pattern.compile("Only the controllers of the canister"), "IC0512"),
            new KnownPhrase(Pattern.compile("Canister \\S+ not found"), "IC0301"),
            new KnownPhrase(Pattern.compile("Could not find snapshot|[Ss]napshot \\S+ (was )?not found"), "IC0305"),
            new KnownPhrase(Pattern.compile("Canister \\S+ is stopped"), "IC0508"),
            new KnownPhrase(Pattern.compile("Canister \\S+ is stopping"), "IC0509"),
            new KnownPhrase(Pattern.compile("Canister \\S+ (must be|is not) stopped"), "IC0510"),
            new KnownPhrase(Pattern.compile("Canister \\S+ has no wasm module|has no Wasm module"), "IC0537"),
            new KnownPhrase(Pattern.compile("reached the maximum number of snapshots"), "IC0406"),
            new KnownPhrase(Pattern.compile("called `ic0.trap`|trapped explicitly"), "IC0503"));

    private record KnownPhrase(Pattern pattern, String errorCode) {}

    private RejectTexts() {}

    /** The IC error code a message names or implies, if any. */
    public static Optional<String> findErrorCode(String message) {
        return findErrorCode(message, Optional.empty());
    }

    /**
     * The IC error code a message names (preferring one labelled "error code" and one whose first digit is
     * the reject code), else one implied by a well-known phrasing.
     */
    public static Optional<String> findErrorCode(String message, Optional<Integer> rejectCode) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher labelled = LABELLED_ERROR_CODE.matcher(message);
        if (labelled.find()) {
            return Optional.of(labelled.group(1).toUpperCase());
        }
        Matcher any = ANY_ERROR_CODE.matcher(message);
        String first = null;
        while (any.find()) {
            String code = any.group(1);
            if (first == null) {
                first = code;
            }
            if (rejectCode.isPresent() && code.charAt(3) == Character.forDigit(rejectCode.get(), 10)) {
                return Optional.of(code);
            }
        }
        if (first != null) {
            return Optional.of(first);
        }
        for (KnownPhrase phrase : KNOWN_PHRASES) {
            if (phrase.pattern().matcher(message).find()) {
                return Optional.of(phrase.errorCode());
            }
        }
        return Optional.empty();
    }
}
