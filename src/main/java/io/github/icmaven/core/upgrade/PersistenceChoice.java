package io.github.icmaven.core.upgrade;

import java.util.Locale;

/** The {@code wasmMemoryPersistence} parameter: AUTO keeps the heap exactly when the installed module uses enhanced orthogonal persistence. */
public enum PersistenceChoice {
    AUTO,
    KEEP,
    REPLACE;

    /** Parses auto / keep / replace (any case); null or blank is AUTO. */
    public static PersistenceChoice parse(String text) throws InputException {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException(ParameterName.WASM_MEMORY_PERSISTENCE,
                    "'" + text + "' is not one of auto, keep, replace");
        }
    }
}
