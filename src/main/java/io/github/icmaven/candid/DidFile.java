package io.github.icmaven.candid;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed Candid interface file ({@code .did}): its named types and its service's methods, with
 * every type reference resolved into an {@link IdlType}. Recursive types are refused here (the management
 * canister's interface has none); {@link CandidInterface} keeps them, unresolved, for subtype checks.
 */
public final class DidFile {
    private final Map<String, IdlType> types;
    private final Map<String, IdlType.Func> methods;

    private DidFile(Map<String, IdlType> types, Map<String, IdlType.Func> methods) {
        this.types = types;
        this.methods = methods;
    }

    /** @throws CandidException naming the line of the first syntax error or unknown type, or a recursive type */
    public static DidFile parse(String text) {
        Syntax syntax = syntax(text);
        DidTypeResolver resolver = new DidTypeResolver(syntax.definitions());
        try {
            Map<String, IdlType> types = new LinkedHashMap<>();
            syntax.definitions().keySet().forEach(name -> types.put(name, resolver.resolve(name)));
            Map<String, IdlType.Func> methods = new LinkedHashMap<>();
            if (syntax.service() != null) {
                if (!(resolver.resolve(syntax.service()) instanceof IdlType.Service service)) {
                    throw new CandidException("the service is not a service type");
                }
                methods.putAll(service.methods());
            }
            return new DidFile(types, methods);
        } catch (CandidException e) {
            throw new CandidException("Candid interface: " + e.getMessage(), e);
        }
    }

    /**
     * The file's type definitions and its main service type (null when it has none), names unresolved; the
     * init arguments of a service class are dropped.
     *
     * @throws CandidException naming the line of the first syntax error or undefined type name
     */
    static Syntax syntax(String text) {
        return TextParser.parseInterface(text);
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

    /** A file as parsed: its {@code type} definitions and its service (a {@link DidType.Service} or a name). */
    record Syntax(Map<String, DidType> definitions, DidType service) {}
}
