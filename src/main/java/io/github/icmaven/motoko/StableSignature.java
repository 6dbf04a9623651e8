package io.github.icmaven.motoko;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Motoko module's stable signature, the text of its {@code motoko:stable-types} section: type definitions,
 * then {@code actor { stable var x : T; stable y : U }} (format 1.0.0), or {@code actor ({...}, {...})} with
 * the fields the actor takes over at an upgrade and the fields it keeps (a migration; format 2.0.0).
 */
public final class StableSignature {
    private final Map<String, Definition> definitions;
    private final List<MotokoType.Field> consumed;
    private final List<MotokoType.Field> kept;

    private StableSignature(Map<String, Definition> definitions, List<MotokoType.Field> consumed,
            List<MotokoType.Field> kept) {
        this.definitions = definitions;
        this.consumed = consumed;
        this.kept = kept;
    }

    /** A {@code type Name<A, B> = T} definition. */
    record Definition(List<String> parameters, MotokoType body) {}

    /** @throws IllegalArgumentException with the position of the text it cannot read */
    public static StableSignature parse(String text) {
        return new Parser(text).signature();
    }

    /** The stable variables a new module takes over from the old one at an upgrade. */
    List<MotokoType.Field> consumed() {
        return consumed;
    }

    /** The stable variables this module leaves to the next one. */
    List<MotokoType.Field> kept() {
        return kept;
    }

    /** The type a name stands for, its parameters replaced by {@code args}; null when the name is not defined here. */
    MotokoType expand(MotokoType.Con con) {
        Definition definition = definitions.get(con.name());
        if (definition == null || definition.parameters().size() != con.args().size()) {
            return null;
        }
        Map<String, MotokoType> bound = new LinkedHashMap<>();
        for (int i = 0; i < con.args().size(); i++) {
            bound.put(definition.parameters().get(i), con.args().get(i));
        }
        return substitute(definition.body(), bound);
    }

    private static MotokoType substitute(MotokoType type, Map<String, MotokoType> bound) {
        if (bound.isEmpty()) {
            return type;
        }
        if (type instanceof MotokoType.Con con) {
            if (con.args().isEmpty() && bound.containsKey(con.name())) {
                return bound.get(con.name());
            }
            return new MotokoType.Con(con.name(), con.args().stream().map(a -> substitute(a, bound)).toList());
        } else if (type instanceof MotokoType.Option option) {
            return new MotokoType.Option(substitute(option.element(), bound));
        } else if (type instanceof MotokoType.Array array) {
            return new MotokoType.Array(substitute(array.element(), bound), array.mutable());
        } else if (type instanceof MotokoType.Tuple tuple) {
            return new MotokoType.Tuple(tuple.elements().stream().map(e -> substitute(e, bound)).toList());
        } else if (type instanceof MotokoType.Obj obj) {
            return new MotokoType.Obj(obj.sort(), substituteFields(obj.fields(), bound));
        } else if (type instanceof MotokoType.Variant variant) {
            return new MotokoType.Variant(substituteFields(variant.tags(), bound));
        }
        return type;
    }

    private static List<MotokoType.Field> substituteFields(List<MotokoType.Field> fields, Map<String, MotokoType> bound) {
        return fields.stream().map(f -> new MotokoType.Field(f.name(), substitute(f.type(), bound), f.mutable())).toList();
    }

    /** Recursive descent over moc's printed types; functions and other types not compared are kept as text. */
    private static final class Parser {
        private static final Set<String> PRIMITIVES = Set.of("Nat", "Nat8", "Nat16", "Nat32", "Nat64", "Int", "Int8",
                "Int16", "Int32", "Int64", "Float", "Bool", "Text", "Char", "Blob", "Principal", "Null", "Any", "None",
                "Error", "Region");

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        StableSignature signature() {
            Map<String, Definition> definitions = new LinkedHashMap<>();
            while (true) {
                String word = word();
                if (word.equals("type")) {
                    String name = word();
                    List<String> parameters = new ArrayList<>();
                    if (accept("<")) {
                        do {
                            parameters.add(word());
                        } while (accept(","));
                        expect(">");
                    }
                    expect("=");
                    definitions.put(name, new Definition(parameters, type()));
                    expect(";");
                } else if (word.equals("actor")) {
                    List<MotokoType.Field> consumed;
                    List<MotokoType.Field> kept;
                    if (accept("(")) {
                        consumed = actorFields();
                        expect(",");
                        kept = actorFields();
                        expect(")");
                    } else {
                        consumed = actorFields();
                        kept = consumed;
                    }
                    accept(";");
                    skipSpace();
                    if (pos < text.length()) {
                        throw error("unexpected text after the actor");
                    }
                    return new StableSignature(definitions, consumed, kept);
                } else {
                    throw error("expected 'type' or 'actor', found '" + word + "'");
                }
            }
        }

        /** {@code { stable var x : T; stable y : U }}. */
        List<MotokoType.Field> actorFields() {
            expect("{");
            List<MotokoType.Field> fields = new ArrayList<>();
            while (!accept("}")) {
                boolean mutable = false;
                String word = word();
                if (word.equals("stable") || word.equals("flexible")) {
                    word = word();
                }
                if (word.equals("var")) {
                    mutable = true;
                    word = word();
                }
                expect(":");
                fields.add(new MotokoType.Field(word, type(), mutable));
                if (!accept(";")) {
                    expect("}");
                    break;
                }
            }
            return fields;
        }

        MotokoType type() {
            MotokoType type = typeWithoutArrow();
            skipSpace();
            if (text.startsWith("->", pos)) {
                pos += 2;
                MotokoType result = type();
                return new MotokoType.Opaque(type + " -> " + result);
            }
            return type;
        }

        private MotokoType typeWithoutArrow() {
            skipSpace();
            if (accept("?")) {
                return new MotokoType.Option(typeWithoutArrow());
            }
            if (accept("[")) {
                boolean mutable = acceptWord("var");
                MotokoType element = type();
                expect("]");
                return new MotokoType.Array(element, mutable);
            }
            if (accept("(")) {
                List<MotokoType> elements = new ArrayList<>();
                while (!accept(")")) {
                    elements.add(type());
                    if (!accept(",")) {
                        expect(")");
                        break;
                    }
                }
                return elements.size() == 1 ? elements.get(0) : new MotokoType.Tuple(elements);
            }
            if (peek('{')) {
                return objectOrVariant("");
            }
            if (peek('<')) {
                String generics = balanced('<', '>');
                return new MotokoType.Opaque(generics + type());
            }
            String word = word();
            switch (word) {
                case "actor", "module", "object" -> {
                    return objectOrVariant(word);
                }
                case "shared", "query", "composite", "async", "async*" -> {
                    return new MotokoType.Opaque(word + " " + type());
                }
                default -> {
                    if (PRIMITIVES.contains(word)) {
                        return new MotokoType.Prim(word);
                    }
                    List<MotokoType> args = new ArrayList<>();
                    if (accept("<")) {
                        do {
                            args.add(type());
                        } while (accept(","));
                        expect(">");
                    }
                    return new MotokoType.Con(word, args);
                }
            }
        }

        private MotokoType objectOrVariant(String sort) {
            expect("{");
            if (accept("#")) {
                List<MotokoType.Field> tags = new ArrayList<>();
                if (accept("}")) {
                    return new MotokoType.Variant(tags); // {#}: the empty variant
                }
                do {
                    String name = word();
                    MotokoType type = accept(":") ? type() : new MotokoType.Tuple(List.of());
                    tags.add(new MotokoType.Field(name, type, false));
                } while (accept(";") && accept("#"));
                expect("}");
                return new MotokoType.Variant(tags);
            }
            List<MotokoType.Field> fields = new ArrayList<>();
            while (!accept("}")) {
                boolean mutable = acceptWord("var");
                String name = word();
                if (name.equals("type")) {
                    throw error("type fields in objects are not supported");
                }
                expect(":");
                fields.add(new MotokoType.Field(name, type(), mutable));
                if (!accept(";")) {
                    expect("}");
                    break;
                }
            }
            return new MotokoType.Obj(sort, fields);
        }

        // ---- lexing ----

        private String balanced(char open, char close) {
            int start = pos;
            int depth = 0;
            do {
                char c = text.charAt(pos++);
                if (c == open) {
                    depth++;
                } else if (c == close) {
                    depth--;
                }
            } while (depth > 0 && pos < text.length());
            return text.substring(start, pos);
        }

        private String word() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '.' || text.charAt(pos) == '*')) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name");
            }
            return text.substring(start, pos);
        }

        private boolean acceptWord(String word) {
            skipSpace();
            int end = pos + word.length();
            if (text.startsWith(word, pos) && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                pos = end;
                return true;
            }
            return false;
        }

        private boolean peek(char c) {
            skipSpace();
            return pos < text.length() && text.charAt(pos) == c;
        }

        private boolean accept(String token) {
            skipSpace();
            if (text.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw error("expected '" + token + "'");
            }
        }

        private void skipSpace() {
            while (pos < text.length()) {
                if (Character.isWhitespace(text.charAt(pos))) {
                    pos++;
                } else if (text.startsWith("//", pos)) {
                    int end = text.indexOf('\n', pos);
                    pos = end < 0 ? text.length() : end + 1;
                } else {
                    return;
                }
            }
        }

        private IllegalArgumentException error(String message) {
            int line = 1;
            for (int i = 0; i < pos && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return new IllegalArgumentException("motoko:stable-types, line " + line + ": " + message);
        }
    }
}
