package io.github.icmaven.candid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** @throws CandidException naming the line of the first syntax error or unknown type */
    public static DidFile parse(String text) {
        Syntax syntax = syntax(text);
        Resolver resolver = new Resolver(syntax.definitions());
        Map<String, IdlType> types = new LinkedHashMap<>();
        syntax.definitions().keySet().forEach(name -> types.put(name, resolver.resolve(name)));
        Map<String, IdlType.Func> methods = new LinkedHashMap<>();
        if (syntax.service() != null) {
            ((IdlType.Service) resolver.toType(syntax.service())).methods().forEach(methods::put);
        }
        return new DidFile(types, methods);
    }

    /**
     * The file's type definitions and its main service type (null when it has none), names unresolved; the
     * init arguments of a service class are dropped.
     *
     * @throws CandidException naming the line of the first syntax error
     */
    static Syntax syntax(String text) {
        return new Parser(text).file();
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

    /** Turns parsed types into {@link IdlType}s, following names; a name that leads back to itself is refused. */
    private static final class Resolver {
        private final Map<String, DidType> definitions;
        private final Map<String, IdlType> resolved = new HashMap<>();
        private final Set<String> resolving = new HashSet<>();

        Resolver(Map<String, DidType> definitions) {
            this.definitions = definitions;
        }

        IdlType resolve(String name) {
            IdlType done = resolved.get(name);
            if (done != null) {
                return done;
            }
            DidType definition = definitions.get(name);
            if (definition == null) {
                throw new CandidException("unknown type '" + name + "' in the Candid interface");
            }
            if (!resolving.add(name)) {
                throw new CandidException("recursive type '" + name + "' is not supported");
            }
            IdlType type = toType(definition);
            resolving.remove(name);
            resolved.put(name, type);
            return type;
        }

        IdlType toType(DidType type) {
            if (type instanceof DidType.Prim p) {
                return p.primitive();
            } else if (type instanceof DidType.Named n) {
                return resolve(n.name());
            } else if (type instanceof DidType.Opt o) {
                return IdlType.opt(toType(o.element()));
            } else if (type instanceof DidType.Vec v) {
                return IdlType.vec(toType(v.element()));
            } else if (type instanceof DidType.Record r) {
                return new IdlType.Record(fields(r.fields()));
            } else if (type instanceof DidType.Variant v) {
                return new IdlType.Variant(fields(v.cases()));
            } else if (type instanceof DidType.Func f) {
                return new IdlType.Func(f.args().stream().map(this::toType).toList(),
                        f.results().stream().map(this::toType).toList(), f.annotations());
            }
            Map<String, IdlType.Func> methods = new LinkedHashMap<>();
            ((DidType.Service) type).methods().forEach((name, func) -> methods.put(name, (IdlType.Func) toType(func)));
            return IdlType.service(methods);
        }

        private List<IdlType.Field> fields(List<DidType.Field> fields) {
            List<IdlType.Field> result = new ArrayList<>();
            for (DidType.Field f : fields) {
                IdlType type = toType(f.type());
                result.add(f.name() != null ? IdlType.field(f.name(), type) : IdlType.field(f.id(), type));
            }
            return result;
        }
    }

    /** Recursive-descent parser of the .did grammar (without imports). */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Syntax file() {
            Map<String, DidType> definitions = new LinkedHashMap<>();
            DidType service = null;
            skipSpace();
            while (pos < text.length()) {
                String keyword = identifier();
                if (keyword.equals("type")) {
                    String name = identifier();
                    expect("=");
                    definitions.put(name, dataType());
                    expect(";");
                } else if (keyword.equals("import")) {
                    throw error("imports are not supported");
                } else if (keyword.equals("service")) {
                    if (peek(':') == false) {
                        identifier(); // the service's name
                    }
                    expect(":");
                    if (peek('(')) {
                        tuple(); // init arguments
                        expect("->");
                    }
                    service = peek('{') ? serviceBody() : new DidType.Named(identifier());
                    if (peek(';')) {
                        expect(";");
                    }
                } else {
                    throw error("expected 'type' or 'service', found '" + keyword + "'");
                }
                skipSpace();
            }
            return new Syntax(definitions, service);
        }

        // ---- grammar ----

        DidType dataType() {
            String word = identifier();
            return switch (word) {
                case "opt" -> new DidType.Opt(dataType());
                case "vec" -> new DidType.Vec(dataType());
                case "blob" -> new DidType.Vec(new DidType.Prim(IdlType.Primitive.NAT8));
                case "record" -> new DidType.Record(fields(true));
                case "variant" -> new DidType.Variant(fields(false));
                case "func" -> funcSignature();
                case "service" -> serviceBody();
                default -> IdlType.Primitive.byKeyword(word).<DidType>map(DidType.Prim::new)
                        .orElseGet(() -> new DidType.Named(word));
            };
        }

        DidType.Service serviceBody() {
            expect("{");
            Map<String, DidType> methods = new LinkedHashMap<>();
            while (!peek('}')) {
                String method = name();
                expect(":");
                methods.put(method, peek('(') ? funcSignature() : new DidType.Named(identifier()));
                if (!peek('}')) {
                    expect(";");
                }
            }
            expect("}");
            return new DidType.Service(methods);
        }

        DidType.Func funcSignature() {
            List<DidType> args = tuple();
            expect("->");
            List<DidType> results = tuple();
            List<String> annotations = new ArrayList<>();
            while (pos < text.length() && Character.isLetter(currentAfterSpace())) {
                annotations.add(identifier());
            }
            return new DidType.Func(args, results, annotations);
        }

        List<DidType> tuple() {
            expect("(");
            List<DidType> items = new ArrayList<>();
            while (!peek(')')) {
                // Arguments may be named: `(name : type)`.
                int start = pos;
                if (Character.isLetter(currentAfterSpace()) || currentAfterSpace() == '_') {
                    identifier();
                    if (!peek(':')) {
                        pos = start;
                    } else {
                        expect(":");
                    }
                }
                items.add(dataType());
                if (!peek(')')) {
                    expect(",");
                }
            }
            expect(")");
            return items;
        }

        List<DidType.Field> fields(boolean positionalAllowed) {
            expect("{");
            List<DidType.Field> fields = new ArrayList<>();
            long nextPosition = 0;
            while (!peek('}')) {
                int start = pos;
                String label = null;
                Long id = null;
                skipSpace();
                if (Character.isDigit(current())) {
                    id = Long.parseLong(digits());
                } else if (current() == '"' || Character.isLetter(current()) || current() == '_') {
                    label = name();
                }
                DidType type;
                if (peek(':')) {
                    expect(":");
                    type = dataType();
                } else if (!positionalAllowed && label != null) {
                    type = new DidType.Prim(IdlType.Primitive.NULL); // variant case without payload
                } else {
                    pos = start; // a positional record field: `record { nat; text }`
                    label = null;
                    id = nextPosition;
                    type = dataType();
                }
                if (id != null) {
                    nextPosition = id + 1;
                }
                fields.add(new DidType.Field(label != null ? IdlType.idlHash(label) : id, label, type));
                if (!peek('}')) {
                    expect(";");
                }
            }
            expect("}");
            return fields;
        }

        // ---- lexing ----

        String name() {
            skipSpace();
            if (current() == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("unterminated quoted name");
                }
                String name = text.substring(pos + 1, end);
                pos = end + 1;
                return name;
            }
            return identifier();
        }

        String identifier() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name");
            }
            return text.substring(start, pos);
        }

        String digits() {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(start, pos).replace("_", "");
        }

        void expect(String token) {
            skipSpace();
            if (!text.startsWith(token, pos)) {
                throw error("expected '" + token + "'");
            }
            pos += token.length();
        }

        boolean peek(char c) {
            return currentAfterSpace() == c;
        }

        char currentAfterSpace() {
            skipSpace();
            return current();
        }

        char current() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (text.startsWith("//", pos)) {
                    int end = text.indexOf('\n', pos);
                    pos = end < 0 ? text.length() : end + 1;
                } else if (text.startsWith("/*", pos)) {
                    int end = text.indexOf("*/", pos + 2);
                    pos = end < 0 ? text.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        CandidException error(String message) {
            int line = 1;
            for (int i = 0; i < pos && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return new CandidException("Candid interface, line " + line + ": " + message);
        }
    }
}
