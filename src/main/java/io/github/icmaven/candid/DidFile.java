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
 * every type reference resolved. Recursive types are not supported (the management canister's
 * interface has none).
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

    /** Recursive-descent parser; type names are resolved after the whole file is read. */
    private static final class Parser {
        private final String text;
        private int pos;
        private final Map<String, Syntax> definitions = new LinkedHashMap<>();
        private final Map<String, IdlType> resolved = new HashMap<>();
        private final Set<String> resolving = new HashSet<>();

        Parser(String text) {
            this.text = text;
        }

        DidFile file() {
            Map<String, FuncSyntax> service = new LinkedHashMap<>();
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
                    expect("{");
                    while (!peek('}')) {
                        String method = name();
                        expect(":");
                        service.put(method, funcSignature());
                        if (!peek('}')) {
                            expect(";");
                        }
                    }
                    expect("}");
                    if (peek(';')) {
                        expect(";");
                    }
                } else {
                    throw error("expected 'type' or 'service', found '" + keyword + "'");
                }
                skipSpace();
            }
            Map<String, IdlType> types = new LinkedHashMap<>();
            definitions.keySet().forEach(name -> types.put(name, resolve(name)));
            Map<String, IdlType.Func> methods = new LinkedHashMap<>();
            service.forEach((name, func) -> methods.put(name, (IdlType.Func) func.toType(this)));
            return new DidFile(types, methods);
        }

        IdlType resolve(String name) {
            IdlType done = resolved.get(name);
            if (done != null) {
                return done;
            }
            Syntax definition = definitions.get(name);
            if (definition == null) {
                throw new CandidException("unknown type '" + name + "' in the Candid interface");
            }
            if (!resolving.add(name)) {
                throw new CandidException("recursive type '" + name + "' is not supported");
            }
            IdlType type = definition.toType(this);
            resolving.remove(name);
            resolved.put(name, type);
            return type;
        }

        // ---- grammar ----

        Syntax dataType() {
            String word = identifier();
            switch (word) {
                case "opt" -> {
                    Syntax inner = dataType();
                    return p -> IdlType.opt(inner.toType(p));
                }
                case "vec" -> {
                    Syntax inner = dataType();
                    return p -> IdlType.vec(inner.toType(p));
                }
                case "blob" -> {
                    return p -> IdlType.BLOB;
                }
                case "record" -> {
                    List<FieldSyntax> fields = fields(true);
                    return p -> new IdlType.Record(fieldTypes(fields, p));
                }
                case "variant" -> {
                    List<FieldSyntax> cases = fields(false);
                    return p -> new IdlType.Variant(fieldTypes(cases, p));
                }
                case "func" -> {
                    return funcSignature();
                }
                case "service" -> {
                    expect("{");
                    Map<String, FuncSyntax> methods = new LinkedHashMap<>();
                    while (!peek('}')) {
                        String method = name();
                        expect(":");
                        methods.put(method, funcSignature());
                        if (!peek('}')) {
                            expect(";");
                        }
                    }
                    expect("}");
                    return p -> {
                        Map<String, IdlType.Func> resolvedMethods = new LinkedHashMap<>();
                        methods.forEach((n, f) -> resolvedMethods.put(n, (IdlType.Func) f.toType(p)));
                        return IdlType.service(resolvedMethods);
                    };
                }
                default -> {
                    return IdlType.Primitive.byKeyword(word).<Syntax>map(prim -> p -> prim).orElse(p -> p.resolve(word));
                }
            }
        }

        FuncSyntax funcSignature() {
            List<Syntax> args = tuple();
            expect("->");
            List<Syntax> results = tuple();
            List<String> annotations = new ArrayList<>();
            while (pos < text.length() && Character.isLetter(currentAfterSpace())) {
                annotations.add(identifier());
            }
            return new FuncSyntax(args, results, annotations);
        }

        List<Syntax> tuple() {
            expect("(");
            List<Syntax> items = new ArrayList<>();
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

        List<FieldSyntax> fields(boolean positionalAllowed) {
            expect("{");
            List<FieldSyntax> fields = new ArrayList<>();
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
                Syntax type;
                if (peek(':')) {
                    expect(":");
                    type = dataType();
                } else if (!positionalAllowed && label != null) {
                    type = p -> IdlType.NULL; // variant case without payload
                } else {
                    pos = start; // a positional record field: `record { nat; text }`
                    label = null;
                    id = nextPosition;
                    type = dataType();
                }
                if (id != null) {
                    nextPosition = id + 1;
                }
                fields.add(new FieldSyntax(label, id, type));
                if (!peek('}')) {
                    expect(";");
                }
            }
            expect("}");
            return fields;
        }

        static List<IdlType.Field> fieldTypes(List<FieldSyntax> fields, Parser p) {
            List<IdlType.Field> result = new ArrayList<>();
            for (FieldSyntax f : fields) {
                IdlType type = f.type().toType(p);
                result.add(f.name() != null ? IdlType.field(f.name(), type) : IdlType.field(f.id(), type));
            }
            return result;
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

    /** A parsed, not yet resolved type. */
    private interface Syntax {
        IdlType toType(Parser parser);
    }

    private record FieldSyntax(String name, Long id, Syntax type) {}

    private record FuncSyntax(List<Syntax> args, List<Syntax> results, List<String> annotations) implements Syntax {
        @Override
        public IdlType toType(Parser p) {
            List<IdlType> argTypes = new ArrayList<>();
            args.forEach(a -> argTypes.add(a.toType(p)));
            List<IdlType> resultTypes = new ArrayList<>();
            results.forEach(r -> resultTypes.add(r.toType(p)));
            return new IdlType.Func(argTypes, resultTypes, annotations);
        }
    }
}
