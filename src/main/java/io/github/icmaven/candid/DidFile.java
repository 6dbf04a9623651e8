package io.github.icmaven.candid;

import java.util.Map;

/**
 * A parsed Candid interface file ({@code .did}): its named types and its service's methods, with
 * every type reference resolved. The grammar is {@link TextParser}'s, the one Candid text arguments use.
 * Recursive types are not supported (the management canister's interface has none).
 */
public final class DidFile {
    private final Map<String, IdlType> types;
    private final Map<String, IdlType.Func> methods;

    private DidFile(Map<String, IdlType> types, Map<String, IdlType.Func> methods) {
        this.types = types;
        this.methods = methods;
    }

    /** @throws CandidException naming the line of the first syntax error or unknown type */
    public static DidFile parse(String text) {
        try {
            TextParser.Interface parsed = TextParser.parseInterface(text);
            return new DidFile(parsed.types(), parsed.methods());
        } catch (CandidException e) {
            throw new CandidException("Candid interface, " + e.getMessage(), e);
        }
    }

    /** The method's signature. @throws CandidException when the service has no such method */
    public IdlType.Func method(String name) {
        IdlType.Func func = methods.get(name);
        if (func == null) {
            throw new CandidException("the service has no method '" + name + "'");
        }
        return func;
    }

    public Map<String, IdlType.Func> methods() {
        return methods;
    }

    /** A named type. @throws CandidException when no type has that name */
    public IdlType type(String name) {
        IdlType type = types.get(name);
        if (type == null) {
            throw new CandidException("no type named '" + name + "'");
        }
        return type;
    }
}
