package io.github.icmaven.core.upgrade;

import java.util.Locale;

/** What a failed compatibility check ({@code candidCheck}, {@code stableCheck}) does to the upgrade. */
public enum CheckMode {
    /** Refuse the upgrade before anything changes. */
    FAIL,
    /** Log a warning and upgrade. */
    WARN,
    /** Do not check. */
    SKIP;

    /** Parses fail / warn / skip (any case); null or blank is FAIL. */
    public static CheckMode parse(String text, ParameterName parameter) throws InputException {
        if (text == null || text.isBlank()) {
            return FAIL;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException(parameter, "'" + text + "' is not one of fail, warn, skip");
        }
    }
}
