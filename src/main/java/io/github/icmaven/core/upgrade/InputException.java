package io.github.icmaven.core.upgrade;

/**
 * A parameter the user has to change: the message is one line that starts with the parameter, e.g.
 * {@code <wasm> (ic.wasm): /x/y.wasm does not exist}. Thrown before anything on the canister changes.
 */
public final class InputException extends Exception {
    private final ParameterName parameter;

    public InputException(ParameterName parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    /** For problems that involve several parameters (e.g. no identity at all): the message names them itself. */
    public InputException(ParameterName parameter, String message, boolean messageNamesParameters) {
        super(messageNamesParameters ? message : parameter + ": " + message);
        this.parameter = parameter;
    }

    public ParameterName parameter() {
        return parameter;
    }
}
