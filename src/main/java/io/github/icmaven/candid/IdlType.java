package io.github.icmaven.candid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Candid type. Records and variants identify fields by their numeric id (the
 * {@linkplain #idlHash(String) hash} of the name); a name, when known, is kept only for printing
 * and for lookups by name, so two types that differ only in names are equal.
 *
 * <pre>{@code
 * IdlType args = IdlType.record(Map.of(
 *     "canister_id", IdlType.PRINCIPAL,
 *     "arg", IdlType.BLOB,
 *     "sender_canister_version", IdlType.opt(IdlType.NAT64)));
 * }</pre>
 *
 * Recursive types are not expressible (the decoder still reads recursive types on the wire).
 */
public sealed interface IdlType permits IdlType.Primitive, IdlType.Opt, IdlType.Vec, IdlType.Record,
        IdlType.Variant, IdlType.Func, IdlType.Service {

    Primitive NULL = Primitive.NULL;
    Primitive BOOL = Primitive.BOOL;
    Primitive NAT = Primitive.NAT;
    Primitive INT = Primitive.INT;
    Primitive NAT8 = Primitive.NAT8;
    Primitive NAT16 = Primitive.NAT16;
    Primitive NAT32 = Primitive.NAT32;
    Primitive NAT64 = Primitive.NAT64;
    Primitive INT8 = Primitive.INT8;
    Primitive INT16 = Primitive.INT16;
    Primitive INT32 = Primitive.INT32;
    Primitive INT64 = Primitive.INT64;
    Primitive FLOAT32 = Primitive.FLOAT32;
    Primitive FLOAT64 = Primitive.FLOAT64;
    Primitive TEXT = Primitive.TEXT;
    Primitive RESERVED = Primitive.RESERVED;
    Primitive EMPTY = Primitive.EMPTY;
    Primitive PRINCIPAL = Primitive.PRINCIPAL;
    /** {@code blob}, i.e. {@code vec nat8}; its values are {@link IdlValue.Blob}. */
    Vec BLOB = new Vec(Primitive.NAT8);

    /** Types without structure, with their binary opcode. */
    enum Primitive implements IdlType {
        NULL(-1, "null"), BOOL(-2, "bool"), NAT(-3, "nat"), INT(-4, "int"),
        NAT8(-5, "nat8"), NAT16(-6, "nat16"), NAT32(-7, "nat32"), NAT64(-8, "nat64"),
        INT8(-9, "int8"), INT16(-10, "int16"), INT32(-11, "int32"), INT64(-12, "int64"),
        FLOAT32(-13, "float32"), FLOAT64(-14, "float64"), TEXT(-15, "text"),
        RESERVED(-16, "reserved"), EMPTY(-17, "empty"), PRINCIPAL(-24, "principal");

        private final int opcode;
        private final String keyword;

        Primitive(int opcode, String keyword) {
            this.opcode = opcode;
            this.keyword = keyword;
        }

        /** The (negative) type code of the binary format. */
        public int opcode() {
            return opcode;
        }

        /** The keyword of the text format, e.g. {@code nat64}. */
        public String keyword() {
            return keyword;
        }

        /** True for nat8..nat64 and int8..int64. */
        public boolean isFixedWidthInteger() {
            return opcode <= -5 && opcode >= -12;
        }

        /** True for nat and nat8..nat64. */
        public boolean isUnsigned() {
            return this == NAT || (opcode <= -5 && opcode >= -8);
        }

        /** Width in bits of a fixed-width number (8..64), 0 otherwise. */
        public int bits() {
            return switch (this) {
                case NAT8, INT8 -> 8;
                case NAT16, INT16 -> 16;
                case NAT32, INT32, FLOAT32 -> 32;
                case NAT64, INT64, FLOAT64 -> 64;
                default -> 0;
            };
        }

        /** The primitive type with this keyword, if any. */
        public static Optional<Primitive> byKeyword(String keyword) {
            return Arrays.stream(values()).filter(p -> p.keyword.equals(keyword)).findFirst();
        }

        @Override
        public String toString() {
            return keyword;
        }
    }

    /** {@code opt T}. */
    record Opt(IdlType element) implements IdlType {
        public Opt {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public String toString() {
            return "opt " + element;
        }
    }

    /** {@code vec T}; {@code vec nat8} is {@code blob}. */
    record Vec(IdlType element) implements IdlType {
        public Vec {
            Objects.requireNonNull(element, "element");
        }

        public boolean isBlob() {
            return element == Primitive.NAT8;
        }

        @Override
        public String toString() {
            return isBlob() ? "blob" : "vec " + element;
        }
    }

    /**
     * A record or variant field: numeric id, optional name (null when unknown), type.
     * Equality ignores the name.
     */
    record Field(long id, String name, IdlType type) {
        public Field {
            checkId(id);
            Objects.requireNonNull(type, "type");
            if (name != null && idlHash(name) != id) {
                throw new IllegalArgumentException("field name '" + name + "' does not hash to id " + id);
            }
        }

        /** The name if known, else the id in decimal. */
        public String label() {
            return name != null ? name : Long.toString(id);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Field f && f.id == id && f.type.equals(type);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id) * 31 + type.hashCode();
        }
    }

    /** {@code record { ... }}; fields are kept sorted by id, ids are unique. */
    record Record(List<Field> fields) implements IdlType {
        public Record {
            fields = sortedUnique(fields, "record");
        }

        /** The field with this name (looked up by its hash). */
        public Optional<Field> field(String name) {
            return field(idlHash(name));
        }

        public Optional<Field> field(long id) {
            return findField(fields, id);
        }

        /** True if the ids are 0, 1, 2, ... (a tuple such as {@code record { nat; text }}). */
        public boolean isTuple() {
            return isTupleIds(fields.stream().mapToLong(Field::id).toArray());
        }

        @Override
        public String toString() {
            return "record " + fieldsText(fields, isTuple(), false);
        }
    }

    /** {@code variant { ... }}; cases are kept sorted by id, ids are unique. */
    record Variant(List<Field> cases) implements IdlType {
        public Variant {
            cases = sortedUnique(cases, "variant");
        }

        public Optional<Field> caseNamed(String name) {
            return findField(cases, idlHash(name));
        }

        public Optional<Field> caseWithId(long id) {
            return findField(cases, id);
        }

        @Override
        public String toString() {
            return "variant " + fieldsText(cases, false, true);
        }
    }

    /** {@code func (args) -> (results) annotations}; values are references to a canister method. */
    record Func(List<IdlType> args, List<IdlType> results, List<String> annotations) implements IdlType {
        public Func {
            args = List.copyOf(args);
            results = List.copyOf(results);
            annotations = List.copyOf(annotations);
            for (String a : annotations) {
                if (!List.of("query", "oneway", "composite_query").contains(a)) {
                    throw new IllegalArgumentException("unknown function annotation '" + a + "'");
                }
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("func ").append(tupleText(args)).append(" -> ").append(tupleText(results));
            annotations.forEach(a -> sb.append(' ').append(a));
            return sb.toString();
        }
    }

    /** {@code service { name : func ...; }}; methods are kept sorted by name. */
    record Service(Map<String, Func> methods) implements IdlType {
        public Service {
            methods = java.util.Collections.unmodifiableMap(new TreeMap<>(methods));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("service {");
            methods.forEach((n, f) -> sb.append(' ').append(IdlText.name(n)).append(" : ")
                    .append(f.toString().substring("func ".length())).append(';'));
            return sb.append(methods.isEmpty() ? "}" : " }").toString();
        }
    }

    // ---- builders ----

    static Opt opt(IdlType element) {
        return new Opt(element);
    }

    static Vec vec(IdlType element) {
        return new Vec(element);
    }

    /** A named field. */
    static Field field(String name, IdlType type) {
        return new Field(idlHash(name), name, type);
    }

    /** A field known only by its id (e.g. a tuple position). */
    static Field field(long id, IdlType type) {
        return new Field(id, null, type);
    }

    /** A record of named fields; the order of the map does not matter. */
    static Record record(Map<String, ? extends IdlType> fields) {
        List<Field> list = new ArrayList<>();
        fields.forEach((n, t) -> list.add(field(n, t)));
        return new Record(list);
    }

    static Record record(Field... fields) {
        return new Record(List.of(fields));
    }

    /** {@code record { t0; t1; ... }}, fields numbered from 0. */
    static Record tuple(IdlType... types) {
        List<Field> list = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            list.add(field(i, types[i]));
        }
        return new Record(list);
    }

    /** A variant of named cases; the order of the map does not matter. */
    static Variant variant(Map<String, ? extends IdlType> cases) {
        List<Field> list = new ArrayList<>();
        cases.forEach((n, t) -> list.add(field(n, t)));
        return new Variant(list);
    }

    static Variant variant(Field... cases) {
        return new Variant(List.of(cases));
    }

    /** A variant whose cases all carry {@code null}, e.g. {@code variant { keep; replace }}. */
    static Variant enumeration(String... caseNames) {
        List<Field> list = new ArrayList<>();
        for (String n : caseNames) {
            list.add(field(n, NULL));
        }
        return new Variant(list);
    }

    static Func func(List<IdlType> args, List<IdlType> results, String... annotations) {
        return new Func(args, results, List.of(annotations));
    }

    static Service service(Map<String, Func> methods) {
        return new Service(methods);
    }

    /**
     * The field id of a name: {@code sum utf8(name)[i] * 223^(k-i) mod 2^32}.
     */
    static long idlHash(String name) {
        long h = 0;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h * 223 + (b & 0xff)) & 0xffffffffL;
        }
        return h;
    }

    // ---- helpers (not API) ----

    private static void checkId(long id) {
        if (id < 0 || id > 0xffffffffL) {
            throw new IllegalArgumentException("field id " + id + " is outside 0..2^32-1");
        }
    }

    private static List<Field> sortedUnique(List<Field> fields, String what) {
        List<Field> sorted = new ArrayList<>(fields);
        sorted.sort(Comparator.comparingLong(Field::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id() == sorted.get(i - 1).id()) {
                throw new IllegalArgumentException(what + " has two fields with id " + sorted.get(i).id()
                        + " ('" + sorted.get(i - 1).label() + "' and '" + sorted.get(i).label() + "')");
            }
        }
        return List.copyOf(sorted);
    }

    private static Optional<Field> findField(List<Field> fields, long id) {
        for (Field f : fields) {
            if (f.id() == id) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static boolean isTupleIds(long[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static String fieldsText(List<Field> fields, boolean tuple, boolean variant) {
        if (fields.isEmpty()) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder("{ ");
        for (Field f : fields) {
            if (tuple) {
                sb.append(f.type());
            } else if (variant && f.type() == NULL) {
                sb.append(IdlText.fieldLabel(f.id(), f.name()));
            } else {
                sb.append(IdlText.fieldLabel(f.id(), f.name())).append(" : ").append(f.type());
            }
            sb.append("; ");
        }
        return sb.append('}').toString();
    }

    private static String tupleText(List<IdlType> types) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < types.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(types.get(i));
        }
        return sb.append(')').toString();
    }
}
