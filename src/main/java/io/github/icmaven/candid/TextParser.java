package io.github.icmaven.candid;

import io.github.icmaven.ic.Principal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses Candid text with the one Candid lexer and type grammar: values in two steps, a syntax tree first and
 * then typed values (so that an annotation or an expected type decides what {@code 42} is), and types as
 * {@link DidType}s with names unresolved, both in values and in interface files ({@link DidFile},
 * {@link CandidInterface}); {@link DidTypeResolver} makes {@link IdlType}s of them.
 */
final class TextParser {
    private enum Kind { LPAREN, RPAREN, LBRACE, RBRACE, SEMI, COMMA, EQ, COLON, ARROW, DOT, IDENT, NUMBER, TEXT, EOF }

    /** {@code bytes} holds the decoded content of a text literal. */
    private record Token(Kind kind, String text, byte[] bytes, int pos) {
    }

    // ---- syntax tree of values ----
    private sealed interface Node permits Num, Bool, NullLit, Txt, BlobLit, PrincipalLit, ServiceLit, FuncLit,
            OptLit, VecLit, RecordLit, VariantLit, Annotated {
        int pos();
    }

    private record Num(int pos, String text, boolean isFloat) implements Node {
    }

    private record Bool(int pos, boolean value) implements Node {
    }

    private record NullLit(int pos) implements Node {
    }

    private record Txt(int pos, byte[] bytes) implements Node {
    }

    private record BlobLit(int pos, byte[] bytes) implements Node {
    }

    private record PrincipalLit(int pos, String text) implements Node {
    }

    private record ServiceLit(int pos, String text) implements Node {
    }

    private record FuncLit(int pos, String service, String method) implements Node {
    }

    private record OptLit(int pos, Node value) implements Node {
    }

    private record VecLit(int pos, List<Node> elements) implements Node {
    }

    private record FieldLit(long id, String name, Node value) {
    }

    private record RecordLit(int pos, List<FieldLit> fields) implements Node {
    }

    private record VariantLit(int pos, FieldLit chosen) implements Node {
    }

    private record Annotated(int pos, Node value, DidType type) implements Node {
    }

    private final String src;
    private final List<Token> tokens;
    private int next;
    /** Every type name used, with the position of its first use: checked once all definitions are known. */
    private final Map<String, Integer> typeNameUses = new LinkedHashMap<>();
    /** Candid text values and types name no types: there is nothing to resolve names to. */
    private final DidTypeResolver noNames = new DidTypeResolver(Map.of());

    private TextParser(String src) {
        this.src = src;
        this.tokens = new Lexer(src).all();
    }

    static List<IdlValue> parseArgs(String text, List<IdlType> expected) {
        TextParser p = new TextParser(text);
        List<Node> nodes = p.args();
        p.expectEnd(Set.of());
        List<IdlValue> values = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            IdlType t = expected != null && i < expected.size() ? expected.get(i) : null;
            try {
                values.add(p.elaborate(nodes.get(i), t));
            } catch (CandidException e) {
                throw new CandidException("argument " + i + ": " + e.getMessage(), e);
            }
        }
        return expected == null ? values : Coercion.coerceArgs(values, expected);
    }

    static IdlType parseType(String text) {
        TextParser p = new TextParser(text);
        DidType t = p.type();
        p.expectEnd(Set.of());
        return p.noNames.resolve(t);
    }

    static List<IdlType> parseTypes(String text) {
        TextParser p = new TextParser(text);
        List<DidType> types = p.typeTuple();
        p.expectEnd(Set.of());
        return types.stream().map(p.noNames::resolve).toList();
    }

    /**
     * Reads an interface file: {@code type <name> = <type>;} definitions and at most one {@code service}, names
     * unresolved (they may be used before their definition); the init arguments of a service class are dropped.
     *
     * @throws CandidException "Candid interface, line N, column M: ..." for a syntax error or an undefined name
     */
    static DidFile.Syntax parseInterface(String text) {
        try {
            TextParser p = new TextParser(text);
            Map<String, DidType> definitions = new LinkedHashMap<>();
            DidType service = null;
            while (p.peek().kind() != Kind.EOF) {
                Token keyword = p.expect(Kind.IDENT, "'type' or 'service'");
                switch (keyword.text()) {
                    case "type" -> {
                        Token name = p.expect(Kind.IDENT, "a type name");
                        p.expect(Kind.EQ, "'='");
                        if (definitions.put(name.text(), p.type()) != null) {
                            throw p.error(name.pos(), "type '" + name.text() + "' is defined twice");
                        }
                        p.expect(Kind.SEMI, "';'");
                    }
                    case "service" -> {
                        if (service != null) {
                            throw p.error(keyword.pos(), "a second service");
                        }
                        if (p.peek().kind() == Kind.IDENT) {
                            p.next++; // the service's name
                        }
                        p.expect(Kind.COLON, "':'");
                        if (p.peek().kind() == Kind.LPAREN) {
                            p.typeTuple(); // init arguments
                            p.expect(Kind.ARROW, "'->'");
                        }
                        service = p.peek().kind() == Kind.LBRACE ? p.serviceType()
                                : p.named(p.expect(Kind.IDENT, "'{' or the name of a service type"));
                        if (p.peek().kind() == Kind.SEMI) {
                            p.next++;
                        }
                    }
                    case "import" -> throw p.error(keyword.pos(), "imports are not supported");
                    default -> throw p.error(keyword.pos(), "expected 'type' or 'service', got " + describe(keyword));
                }
            }
            p.expectEnd(definitions.keySet());
            return new DidFile.Syntax(definitions, service);
        } catch (CandidException e) {
            throw new CandidException("Candid interface, " + e.getMessage(), e);
        }
    }

    // ---- values: syntax ----

    private List<Node> args() {
        expect(Kind.LPAREN, "'(' opening the argument list");
        List<Node> nodes = new ArrayList<>();
        while (peek().kind() != Kind.RPAREN) {
            nodes.add(annotatedValue());
            if (peek().kind() != Kind.RPAREN) {
                expect(Kind.COMMA, "',' or ')'");
            }
        }
        next++;
        return nodes;
    }

    private Node annotatedValue() {
        Node v = value();
        if (peek().kind() == Kind.COLON) {
            next++;
            return new Annotated(v.pos(), v, type());
        }
        return v;
    }

    private Node value() {
        Token t = take();
        switch (t.kind()) {
            case LPAREN -> {
                Node inner = annotatedValue();
                expect(Kind.RPAREN, "')'");
                return inner;
            }
            case NUMBER -> {
                return new Num(t.pos(), t.text(), isFloatLiteral(t.text()));
            }
            case TEXT -> {
                return new Txt(t.pos(), t.bytes());
            }
            case IDENT -> {
                switch (t.text()) {
                    case "true", "false" -> {
                        return new Bool(t.pos(), t.text().equals("true"));
                    }
                    case "null" -> {
                        return new NullLit(t.pos());
                    }
                    case "nan", "inf" -> {
                        return new Num(t.pos(), t.text(), true);
                    }
                    case "opt" -> {
                        return new OptLit(t.pos(), value());
                    }
                    case "blob" -> {
                        return new BlobLit(t.pos(), expect(Kind.TEXT, "a text literal after 'blob'").bytes());
                    }
                    case "principal" -> {
                        return new PrincipalLit(t.pos(), utf8(expect(Kind.TEXT, "a text literal after 'principal'")));
                    }
                    case "service" -> {
                        return new ServiceLit(t.pos(), utf8(expect(Kind.TEXT, "a text literal after 'service'")));
                    }
                    case "func" -> {
                        String service = utf8(expect(Kind.TEXT, "a text literal after 'func'"));
                        expect(Kind.DOT, "'.' between service and method");
                        Token m = take();
                        if (m.kind() != Kind.IDENT && m.kind() != Kind.TEXT) {
                            throw error(m.pos(), "expected a method name");
                        }
                        return new FuncLit(t.pos(), service, m.kind() == Kind.TEXT ? utf8(m) : m.text());
                    }
                    case "vec" -> {
                        expect(Kind.LBRACE, "'{' after 'vec'");
                        List<Node> elements = new ArrayList<>();
                        while (peek().kind() != Kind.RBRACE) {
                            elements.add(annotatedValue());
                            if (peek().kind() != Kind.RBRACE) {
                                expect(Kind.SEMI, "';' or '}'");
                            }
                        }
                        next++;
                        return new VecLit(t.pos(), elements);
                    }
                    case "record" -> {
                        return new RecordLit(t.pos(), recordFields());
                    }
                    case "variant" -> {
                        expect(Kind.LBRACE, "'{' after 'variant'");
                        Token labelToken = peek();
                        long[] id = new long[1];
                        String name = label(id);
                        Node v = new NullLit(labelToken.pos());
                        if (peek().kind() == Kind.EQ) {
                            next++;
                            v = annotatedValue();
                        }
                        if (peek().kind() == Kind.SEMI) {
                            next++;
                        }
                        expect(Kind.RBRACE, "'}' (a variant value has exactly one case)");
                        return new VariantLit(t.pos(), new FieldLit(id[0], name, v));
                    }
                    default -> throw error(t.pos(), "unexpected '" + t.text() + "', expected a value");
                }
            }
            default -> throw error(t.pos(), "unexpected " + describe(t) + ", expected a value");
        }
    }

    private List<FieldLit> recordFields() {
        expect(Kind.LBRACE, "'{' after 'record'");
        List<FieldLit> fields = new ArrayList<>();
        long nextTupleId = 0;
        while (peek().kind() != Kind.RBRACE) {
            if (isLabel(peek()) && peekAt(1).kind() == Kind.EQ) {
                long[] id = new long[1];
                String name = label(id);
                next++; // '='
                fields.add(new FieldLit(id[0], name, annotatedValue()));
                nextTupleId = id[0] + 1;
            } else {
                fields.add(new FieldLit(nextTupleId, null, annotatedValue()));
                nextTupleId++;
            }
            if (peek().kind() != Kind.RBRACE) {
                expect(Kind.SEMI, "';' or '}'");
            }
        }
        next++;
        return fields;
    }

    private static boolean isLabel(Token t) {
        return t.kind() == Kind.IDENT || t.kind() == Kind.TEXT || t.kind() == Kind.NUMBER;
    }

    /** Reads a field label; stores its id in {@code id[0]} and returns its name (null for numeric ids). */
    private String label(long[] id) {
        Token t = take();
        switch (t.kind()) {
            case IDENT, TEXT -> {
                String name = t.kind() == Kind.TEXT ? utf8(t) : t.text();
                id[0] = IdlType.idlHash(name);
                return name;
            }
            case NUMBER -> {
                BigInteger v;
                try {
                    v = integerValue(t.text());
                } catch (NumberFormatException e) {
                    throw error(t.pos(), "field id '" + t.text() + "' is not a whole number");
                }
                if (v.signum() < 0 || v.bitLength() > 32) {
                    throw error(t.pos(), "field id " + v + " is outside 0..2^32-1");
                }
                id[0] = v.longValue();
                return null;
            }
            default -> throw error(t.pos(), "expected a field name or id, got " + describe(t));
        }
    }

    // ---- values: typing ----

    private IdlValue elaborate(Node node, IdlType expected) {
        if (node instanceof Annotated a) {
            IdlValue v = elaborate(a.value(), noNames.resolve(a.type()));
            if (expected == null) {
                return v;
            }
            try {
                return Coercion.coerce(v, expected);
            } catch (CandidException e) {
                throw error(a.pos(), e.getMessage());
            }
        }
        if (expected == null) {
            return infer(node);
        }
        if (expected == IdlType.RESERVED) {
            infer(node); // still has to be well formed
            return IdlValue.RESERVED;
        }
        if (expected instanceof IdlType.Opt o) {
            if (node instanceof NullLit) {
                return IdlValue.NONE;
            }
            if (node instanceof OptLit opt) {
                return IdlValue.some(elaborate(opt.value(), o.element()));
            }
            return IdlValue.some(elaborate(node, o.element()));
        }
        if (node instanceof Num n && expected instanceof IdlType.Primitive p) {
            return number(n, p);
        } else if (node instanceof Bool b && expected == IdlType.BOOL) {
            return IdlValue.bool(b.value());
        } else if (node instanceof NullLit n && expected == IdlType.NULL) {
            return IdlValue.NULL;
        } else if (node instanceof Txt t && expected == IdlType.TEXT) {
            return IdlValue.text(strictUtf8(t));
        } else if (node instanceof BlobLit b && expected instanceof IdlType.Vec v && v.isBlob()) {
            return IdlValue.blob(b.bytes());
        } else if (node instanceof PrincipalLit p && expected == IdlType.PRINCIPAL) {
            return IdlValue.principal(principal(p.pos(), p.text()));
        } else if (node instanceof ServiceLit s && expected instanceof IdlType.Service) {
            return new IdlValue.ServiceRef(principal(s.pos(), s.text()));
        } else if (node instanceof FuncLit f && expected instanceof IdlType.Func) {
            return new IdlValue.FuncRef(principal(f.pos(), f.service()), f.method());
        } else if (node instanceof VecLit v && expected instanceof IdlType.Vec t) {
            if (t.isBlob()) {
                byte[] bytes = new byte[v.elements().size()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) ((IdlValue.FixedInt) elaborate(v.elements().get(i), IdlType.NAT8)).bits();
                }
                return IdlValue.blob(bytes);
            }
            List<IdlValue> out = new ArrayList<>(v.elements().size());
            for (Node e : v.elements()) {
                out.add(elaborate(e, t.element()));
            }
            return IdlValue.vec(out);
        } else if (node instanceof RecordLit r && expected instanceof IdlType.Record t) {
            Map<Long, FieldLit> given = fieldsById(r);
            List<IdlValue.FieldValue> out = new ArrayList<>();
            for (IdlType.Field f : t.fields()) {
                FieldLit lit = given.get(f.id());
                IdlValue v;
                if (lit != null) {
                    try {
                        v = elaborate(lit.value(), f.type());
                    } catch (CandidException e) {
                        throw new CandidException("field '" + f.label() + "': " + e.getMessage(), e);
                    }
                } else {
                    v = Coercion.absent(f.type()).orElseThrow(() -> error(r.pos(), "expected record field '"
                            + f.label() + "' of type " + Candid.abbreviate(f.type().toString())));
                }
                out.add(new IdlValue.FieldValue(f.id(), f.name(), v));
            }
            return new IdlValue.Record(out); // fields the type does not know are ignored, as the spec says
        } else if (node instanceof VariantLit v && expected instanceof IdlType.Variant t) {
            FieldLit chosen = v.chosen();
            IdlType.Field c = t.caseWithId(chosen.id()).orElseThrow(() -> error(v.pos(), "variant case '"
                    + (chosen.name() != null ? chosen.name() : chosen.id()) + "' is not one of "
                    + Candid.abbreviate(t.toString())));
            try {
                return new IdlValue.Variant(c.id(), c.name(), elaborate(chosen.value(), c.type()));
            } catch (CandidException e) {
                throw new CandidException("case '" + c.label() + "': " + e.getMessage(), e);
            }
        } else { throw error(node.pos(), "expected a value of type " + Candid.abbreviate(expected.toString())
                + ", got " + shape(node)); }
    }

    private IdlValue infer(Node node) {
        if (node instanceof Annotated a) {
            return elaborate(a.value(), noNames.resolve(a.type()));
        } else if (node instanceof Num n) {
            return n.isFloat() ? number(n, IdlType.FLOAT64)
                    : number(n, integerValue(n.text()).signum() < 0 ? IdlType.INT : IdlType.NAT);
        } else if (node instanceof Bool b) {
            return IdlValue.bool(b.value());
        } else if (node instanceof NullLit n) {
            return IdlValue.NULL;
        } else if (node instanceof Txt t) {
            return IdlValue.text(strictUtf8(t));
        } else if (node instanceof BlobLit b) {
            return IdlValue.blob(b.bytes());
        } else if (node instanceof PrincipalLit p) {
            return IdlValue.principal(principal(p.pos(), p.text()));
        } else if (node instanceof ServiceLit s) {
            return new IdlValue.ServiceRef(principal(s.pos(), s.text()));
        } else if (node instanceof FuncLit f) {
            return new IdlValue.FuncRef(principal(f.pos(), f.service()), f.method());
        } else if (node instanceof OptLit o) {
            return IdlValue.some(infer(o.value()));
        } else if (node instanceof VecLit v) {
            List<IdlValue> out = new ArrayList<>(v.elements().size());
            v.elements().forEach(e -> out.add(infer(e)));
            return IdlValue.vec(out);
        } else if (node instanceof RecordLit r) {
            List<IdlValue.FieldValue> out = new ArrayList<>();
            for (FieldLit f : fieldsById(r).values()) {
                out.add(new IdlValue.FieldValue(f.id(), f.name(), infer(f.value())));
            }
            return new IdlValue.Record(out);
        } else if (node instanceof VariantLit v) {
            return new IdlValue.Variant(v.chosen().id(), v.chosen().name(), infer(v.chosen().value()));
        } else {
            throw new IllegalStateException("unreachable");
        }
    }

    private Map<Long, FieldLit> fieldsById(RecordLit r) {
        Map<Long, FieldLit> byId = new LinkedHashMap<>();
        for (FieldLit f : r.fields()) {
            if (byId.put(f.id(), f) != null) {
                throw error(r.pos(), "record has field " + (f.name() != null ? "'" + f.name() + "'" : f.id())
                        + " twice");
            }
        }
        return byId;
    }

    private IdlValue number(Num n, IdlType.Primitive type) {
        try {
            switch (type) {
                case FLOAT32, FLOAT64 -> {
                    double d = switch (n.text()) {
                        case "nan" -> Double.NaN;
                        case "inf" -> Double.POSITIVE_INFINITY;
                        case "-inf" -> Double.NEGATIVE_INFINITY;
                        default -> n.text().contains("0x") ? integerValue(n.text()).doubleValue()
                                : new BigDecimal(n.text()).doubleValue();
                    };
                    return type == IdlType.FLOAT32 ? IdlValue.float32((float) d) : IdlValue.float64(d);
                }
                case NAT, INT, NAT8, NAT16, NAT32, NAT64, INT8, INT16, INT32, INT64 -> {
                    if (n.isFloat()) {
                        throw error(n.pos(), "expected " + type + ", got the fractional number " + n.text());
                    }
                    BigInteger v = integerValue(n.text());
                    if (type == IdlType.INT) {
                        return IdlValue.integer(v);
                    }
                    BigInteger min = type.isUnsigned() ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(type.bits() - 1).negate();
                    BigInteger max = type == IdlType.NAT ? null : type.isUnsigned()
                            ? BigInteger.ONE.shiftLeft(type.bits()).subtract(BigInteger.ONE)
                            : BigInteger.ONE.shiftLeft(type.bits() - 1).subtract(BigInteger.ONE);
                    if (v.compareTo(min) < 0 || (max != null && v.compareTo(max) > 0)) {
                        throw error(n.pos(), v + " is out of range for " + type);
                    }
                    return type == IdlType.NAT ? IdlValue.nat(v) : new IdlValue.FixedInt(type, v.longValue());
                }
                default -> throw error(n.pos(), "expected a value of type " + type + ", got the number " + n.text());
            }
        } catch (NumberFormatException e) {
            throw error(n.pos(), "'" + n.text() + "' is not a number");
        }
    }

    private static boolean isFloatLiteral(String text) {
        return !text.contains("0x") && (text.contains(".") || text.contains("e") || text.contains("E"));
    }

    private static BigInteger integerValue(String text) {
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        BigInteger v = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
        return negative ? v.negate() : v;
    }

    private Principal principal(int pos, String text) {
        try {
            return Principal.fromText(text);
        } catch (IllegalArgumentException e) {
            throw error(pos, e.getMessage());
        }
    }

    private String strictUtf8(Txt t) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(t.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw error(t.pos(), "text literal is not valid UTF-8 (use blob \"...\" for bytes)");
        }
    }

    private static String shape(Node node) {
        if (node instanceof Num n) {
            return "the number " + n.text();
        } else if (node instanceof Bool b) {
            return String.valueOf(b.value());
        } else if (node instanceof NullLit n) {
            return "null";
        } else if (node instanceof Txt t) {
            return "a text";
        } else if (node instanceof BlobLit b) {
            return "a blob";
        } else if (node instanceof PrincipalLit p) {
            return "a principal";
        } else if (node instanceof ServiceLit s) {
            return "a service reference";
        } else if (node instanceof FuncLit f) {
            return "a func reference";
        } else if (node instanceof OptLit o) {
            return "an opt";
        } else if (node instanceof VecLit v) {
            return "a vec";
        } else if (node instanceof RecordLit r) {
            return "a record";
        } else if (node instanceof VariantLit v) {
            return "a variant";
        } else if (node instanceof Annotated a) {
            return "an annotated value";
        } else {
            throw new IllegalStateException("unreachable");
        }
    }

    // ---- types ----

    private DidType type() {
        Token t = take();
        if (t.kind() != Kind.IDENT) {
            throw error(t.pos(), "expected a type, got " + describe(t));
        }
        var primitive = IdlType.Primitive.byKeyword(t.text());
        if (primitive.isPresent()) {
            return new DidType.Prim(primitive.get());
        }
        return switch (t.text()) {
            case "blob" -> new DidType.Vec(new DidType.Prim(IdlType.Primitive.NAT8));
            case "opt" -> new DidType.Opt(type());
            case "vec" -> new DidType.Vec(type());
            case "record" -> new DidType.Record(fieldTypes(false));
            case "variant" -> new DidType.Variant(fieldTypes(true));
            case "func" -> funcType();
            case "service" -> serviceType();
            default -> named(t);
        };
    }

    private DidType.Named named(Token name) {
        typeNameUses.putIfAbsent(name.text(), name.pos());
        return new DidType.Named(name.text());
    }

    private List<DidType.Field> fieldTypes(boolean variant) {
        expect(Kind.LBRACE, "'{'");
        List<DidType.Field> fields = new ArrayList<>();
        long nextTupleId = 0;
        while (peek().kind() != Kind.RBRACE) {
            Kind after = peekAt(1).kind();
            boolean labelled = isLabel(peek()) && (after == Kind.COLON
                    || (variant && (after == Kind.SEMI || after == Kind.RBRACE)));
            if (labelled) {
                long[] id = new long[1];
                String name = label(id);
                DidType t = new DidType.Prim(IdlType.Primitive.NULL); // a variant case without payload
                if (peek().kind() == Kind.COLON) {
                    next++;
                    t = type();
                }
                fields.add(new DidType.Field(id[0], name, t));
                nextTupleId = id[0] + 1;
            } else if (!variant) {
                fields.add(new DidType.Field(nextTupleId++, null, type()));
            } else {
                throw error(peek().pos(), "expected a variant case, got " + describe(peek()));
            }
            if (peek().kind() != Kind.RBRACE) {
                expect(Kind.SEMI, "';' or '}'");
            }
        }
        Token close = take();
        checkDistinct(close.pos(), fields);
        return fields;
    }

    private void checkDistinct(int pos, List<DidType.Field> fields) {
        for (int i = 0; i < fields.size(); i++) {
            for (int j = i + 1; j < fields.size(); j++) {
                if (fields.get(i).id() == fields.get(j).id()) {
                    throw error(pos, "field '" + fields.get(j).label() + "' appears twice (or its hash collides)");
                }
            }
        }
    }

    private List<DidType> typeTuple() {
        expect(Kind.LPAREN, "'('");
        List<DidType> types = new ArrayList<>();
        while (peek().kind() != Kind.RPAREN) {
            if (isLabel(peek()) && peekAt(1).kind() == Kind.COLON) {
                next += 2; // argument names carry no meaning
            }
            types.add(type());
            if (peek().kind() != Kind.RPAREN) {
                expect(Kind.COMMA, "',' or ')'");
            }
        }
        next++;
        return types;
    }

    private DidType.Func funcType() {
        List<DidType> args = typeTuple();
        expect(Kind.ARROW, "'->'");
        List<DidType> results = typeTuple();
        List<String> annotations = new ArrayList<>();
        while (peek().kind() == Kind.IDENT && List.of("query", "oneway", "composite_query").contains(peek().text())) {
            annotations.add(take().text());
        }
        return new DidType.Func(args, results, annotations);
    }

    /** {@code { name : (args) -> (results); other : FuncTypeName }}; a method's type may also start with {@code func}. */
    private DidType.Service serviceType() {
        expect(Kind.LBRACE, "'{'");
        Map<String, DidType> methods = new LinkedHashMap<>();
        while (peek().kind() != Kind.RBRACE) {
            Token name = take();
            if (name.kind() != Kind.IDENT && name.kind() != Kind.TEXT) {
                throw error(name.pos(), "expected a method name, got " + describe(name));
            }
            expect(Kind.COLON, "':'");
            if (peek().kind() == Kind.IDENT && peek().text().equals("func")) {
                next++;
            }
            String methodName = name.kind() == Kind.TEXT ? utf8(name) : name.text();
            DidType method = peek().kind() == Kind.LPAREN ? funcType()
                    : named(expect(Kind.IDENT, "a func type or the name of one"));
            if (methods.put(methodName, method) != null) {
                throw error(name.pos(), "method '" + methodName + "' appears twice");
            }
            if (peek().kind() != Kind.RBRACE) {
                expect(Kind.SEMI, "';' or '}'");
            }
        }
        next++;
        return new DidType.Service(methods);
    }

    /** Expects the end of the input, and every type name used to be one of {@code defined}. */
    private void expectEnd(Set<String> defined) {
        expect(Kind.EOF, "end of input");
        typeNameUses.forEach((name, pos) -> {
            if (!defined.contains(name)) {
                throw error(pos, "unknown type '" + name + "'");
            }
        });
    }

    // ---- tokens ----

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.EOF) {
            next++;
        }
        return t;
    }

    private Token expect(Kind kind, String what) {
        Token t = take();
        if (t.kind() != kind) {
            throw error(t.pos(), "expected " + what + ", got " + describe(t));
        }
        return t;
    }

    private static String utf8(Token t) {
        return new String(t.bytes(), StandardCharsets.UTF_8);
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "end of input";
            case TEXT -> "a text literal";
            default -> "'" + t.text() + "'";
        };
    }

    private CandidException error(int pos, String message) {
        return new CandidException(where(src, pos) + ": " + message);
    }

    private static String where(String src, int pos) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }

    /** Splits the source into tokens; comments ({@code //}, nested {@code /* *\/}) and white space are dropped. */
    private static final class Lexer {
        private final String s;
        private int i;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> all() {
            List<Token> out = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                if (i >= s.length()) {
                    out.add(new Token(Kind.EOF, "", null, i));
                    return out;
                }
                out.add(token());
            }
        }

        private Token token() {
            int start = i;
            char c = s.charAt(i);
            switch (c) {
                case '(' -> {
                    return single(Kind.LPAREN);
                }
                case ')' -> {
                    return single(Kind.RPAREN);
                }
                case '{' -> {
                    return single(Kind.LBRACE);
                }
                case '}' -> {
                    return single(Kind.RBRACE);
                }
                case ';' -> {
                    return single(Kind.SEMI);
                }
                case ',' -> {
                    return single(Kind.COMMA);
                }
                case '=' -> {
                    return single(Kind.EQ);
                }
                case ':' -> {
                    return single(Kind.COLON);
                }
                case '.' -> {
                    return single(Kind.DOT);
                }
                case '"' -> {
                    return new Token(Kind.TEXT, null, textLiteral(), start);
                }
                default -> {
                }
            }
            if (c == '-' && s.startsWith("->", i)) {
                i += 2;
                return new Token(Kind.ARROW, "->", null, start);
            }
            if (c == '-' && s.startsWith("-inf", i)) {
                i += 4;
                return new Token(Kind.NUMBER, "-inf", null, start);
            }
            if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                return number();
            }
            if (Character.isLetter(c) || c == '_') {
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                return new Token(Kind.IDENT, s.substring(start, i), null, start);
            }
            throw new CandidException(where(s, start) + ": unexpected character '" + c + "'");
        }

        private Token single(Kind kind) {
            return new Token(kind, String.valueOf(s.charAt(i)), null, i++);
        }

        private Token number() {
            int start = i;
            StringBuilder sb = new StringBuilder();
            if (s.charAt(i) == '-' || s.charAt(i) == '+') {
                sb.append(s.charAt(i++));
            }
            if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
                sb.append("0x");
                i += 2;
                digits(sb, true);
            } else {
                digits(sb, false);
                if (i < s.length() && s.charAt(i) == '.') {
                    sb.append(s.charAt(i++));
                    digits(sb, false);
                }
                if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    sb.append(s.charAt(i++));
                    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                        sb.append(s.charAt(i++));
                    }
                    digits(sb, false);
                }
            }
            String text = sb.toString();
            if (text.endsWith("0x") || text.equals("-") || text.equals("+")) {
                throw new CandidException(where(s, start) + ": malformed number");
            }
            return new Token(Kind.NUMBER, text, null, start);
        }

        private void digits(StringBuilder sb, boolean hex) {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '_') {
                    i++;
                } else if (Character.isDigit(c) || (hex && Character.digit(c, 16) >= 0)) {
                    sb.append(c);
                    i++;
                } else {
                    return;
                }
            }
        }

        private byte[] textLiteral() {
            int start = i++;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (i >= s.length()) {
                    throw new CandidException(where(s, start) + ": unterminated text literal");
                }
                int cp = s.codePointAt(i);
                if (cp == '"') {
                    i++;
                    return out.toByteArray();
                }
                if (cp != '\\') {
                    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                    i += Character.charCount(cp);
                    continue;
                }
                int escape = i;
                if (++i >= s.length()) {
                    throw new CandidException(where(s, escape) + ": unterminated escape");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case '\\' -> out.write('\\');
                    case '"' -> out.write('"');
                    case '\'' -> out.write('\'');
                    case 'u' -> {
                        int close = s.indexOf('}', i);
                        if (i >= s.length() || s.charAt(i) != '{' || close < 0) {
                            throw new CandidException(where(s, escape) + ": malformed \\u{...} escape");
                        }
                        int value;
                        try {
                            value = Integer.parseInt(s.substring(i + 1, close).replace("_", ""), 16);
                        } catch (NumberFormatException ex) {
                            throw new CandidException(where(s, escape) + ": malformed \\u{...} escape");
                        }
                        if (!Character.isValidCodePoint(value) || (value >= 0xd800 && value <= 0xdfff)) {
                            throw new CandidException(where(s, escape) + ": \\u{" + Integer.toHexString(value)
                                    + "} is not a Unicode scalar value");
                        }
                        byte[] b = new String(Character.toChars(value)).getBytes(StandardCharsets.UTF_8);
                        out.write(b, 0, b.length);
                        i = close + 1;
                    }
                    default -> {
                        int hi = Character.digit(e, 16);
                        int lo = i < s.length() ? Character.digit(s.charAt(i), 16) : -1;
                        if (hi < 0 || lo < 0) {
                            throw new CandidException(where(s, escape) + ": unknown escape '\\" + e + "'");
                        }
                        i++;
                        out.write(hi * 16 + lo);
                    }
                }
            }
        }

        private void skipSpaceAndComments() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("//", i)) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (s.startsWith("/*", i)) {
                    int start = i;
                    int depth = 0;
                    do {
                        if (i >= s.length()) {
                            throw new CandidException(where(s, start) + ": unterminated comment");
                        }
                        if (s.startsWith("/*", i)) {
                            depth++;
                            i += 2;
                        } else if (s.startsWith("*/", i)) {
                            depth--;
                            i += 2;
                        } else {
                            i++;
                        }
                    } while (depth > 0);
                } else {
                    return;
                }
            }
        }
    }
}
