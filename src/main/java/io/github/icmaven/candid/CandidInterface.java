package io.github.icmaven.candid;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A canister's Candid interface (the {@code candid:service} metadata, or a .did file) with its type names
 * unresolved, so that recursive types are kept: what {@link CandidSubtyping} compares. Equality is identity:
 * the same name means different types in two interfaces.
 */
public final class CandidInterface {
    private final Map<String, DidType> definitions;
    private final DidType.Service service;

    private CandidInterface(Map<String, DidType> definitions, DidType.Service service) {
        this.definitions = definitions;
        this.service = service;
    }

    /**
     * Parses a .did text. A service class ({@code service : (init) -> {...}}) is taken as its service: the init
     * arguments do not matter to callers.
     *
     * @throws CandidException on a syntax error, an undefined type name, a type defined only as itself, or no service
     */
    public static CandidInterface parse(String text) {
        DidFile.Syntax syntax = DidFile.syntax(text);
        if (syntax.service() == null) {
            throw new CandidException("the Candid interface has no service");
        }
        CandidInterface parsed = new CandidInterface(new LinkedHashMap<>(syntax.definitions()), null);
        // The parser refused names without a definition; left are names defined only as themselves.
        syntax.definitions().keySet().forEach(name -> parsed.resolve(new DidType.Named(name)));
        if (!(parsed.resolve(syntax.service()) instanceof DidType.Service service)) {
            throw new CandidException("the Candid interface's service is not a service type");
        }
        return new CandidInterface(parsed.definitions, service);
    }

    /** The methods of the service, each a {@link DidType.Func} or the name of one. */
    public Map<String, DidType> methods() {
        return service.methods();
    }

    /** The type itself, or for a name the type it stands for (following names of names). */
    DidType resolve(DidType type) {
        DidType current = type;
        Set<String> seen = new HashSet<>();
        while (current instanceof DidType.Named named) {
            if (!seen.add(named.name())) {
                throw new CandidException("type '" + named.name() + "' is defined only as itself");
            }
            current = definitions.get(named.name());
        }
        return current;
    }
}
