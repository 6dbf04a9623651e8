package io.github.icmaven.candid;

import io.github.icmaven.ic.Principal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Candid value with a natural Java payload:
 * <ul>
 *   <li>{@code nat}, {@code int}: {@link BigInteger} ({@link Nat}, {@link Int});</li>
 *   <li>{@code nat8..nat64}, {@code int8..int64}: a {@code long} ({@link FixedInt}); a {@code nat64} above
 *       {@code Long.MAX_VALUE} is held as its two's-complement bit pattern, read it with {@link #asNat()};</li>
 *   <li>{@code float32}, {@code float64}: {@code float}, {@code double};</li>
 *   <li>{@code vec nat8} (blob): a {@code byte[]} ({@link Blob}), never boxed per byte;</li>
 *   <li>other vectors: {@code List}; {@code opt}: {@code Optional}; records: fields sorted by id, each with
 *       its name when known; variants: one case (id, name when known, value).</li>
 * </ul>
 * Equality ignores field names (ids decide). Accessors throw {@link CandidException} on a shape mismatch:
 * {@code v.field("canister_id").asPrincipal()}, {@code v.field("arg").asBlob()}.
 */
public sealed interface IdlValue permits IdlValue.Null, IdlValue.Bool, IdlValue.Nat, IdlValue.Int,
        IdlValue.FixedInt, IdlValue.Float32, IdlValue.Float64, IdlValue.Text, IdlValue.Reserved,
        IdlValue.PrincipalValue, IdlValue.Opt, IdlValue.Vec, IdlValue.Blob, IdlValue.Record, IdlValue.Variant,
        IdlValue.FuncRef, IdlValue.ServiceRef {

    Null NULL = new Null();
    Reserved RESERVED = new Reserved();
    Opt NONE = new Opt(Optional.empty());

    record Null() implements IdlValue {
        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    record Bool(boolean value) implements IdlValue {
        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** {@code nat}: a non-negative {@link BigInteger}. */
    record Nat(BigInteger value) implements IdlValue {
        public Nat {
            if (value.signum() < 0) {
                throw new IllegalArgumentException("nat cannot be negative: " + value);
            }
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** {@code int}. */
    record Int(BigInteger value) implements IdlValue {
        public Int {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /**
     * A fixed-width integer ({@code nat8..nat64}, {@code int8..int64}); {@code bits} is the value as a long
     * (for {@code nat64}, the unsigned bit pattern).
     */
    record FixedInt(IdlType.Primitive type, long bits) implements IdlValue {
        public FixedInt {
            if (!type.isFixedWidthInteger()) {
                throw new IllegalArgumentException(type + " is not a fixed-width integer type");
            }
            if (type.bits() < 64) {
                long min = type.isUnsigned() ? 0 : -(1L << (type.bits() - 1));
                long max = type.isUnsigned() ? (1L << type.bits()) - 1 : (1L << (type.bits() - 1)) - 1;
                if (bits < min || bits > max) {
                    throw new IllegalArgumentException(bits + " is out of range for " + type);
                }
            }
        }

        /** The mathematical value (unsigned for nat64). */
        public BigInteger bigValue() {
            return type == IdlType.Primitive.NAT64 && bits < 0
                    ? BigInteger.valueOf(bits).add(BigInteger.ONE.shiftLeft(64)) : BigInteger.valueOf(bits);
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    record Float32(float value) implements IdlValue {
        @Override
        public boolean equals(Object o) {
            return o instanceof Float32 f && Float.compare(f.value, value) == 0;
        }

        @Override
        public int hashCode() {
            return Float.hashCode(value);
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    record Float64(double value) implements IdlValue {
        @Override
        public boolean equals(Object o) {
            return o instanceof Float64 f && Double.compare(f.value, value) == 0;
        }

        @Override
        public int hashCode() {
            return Double.hashCode(value);
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    record Text(String value) implements IdlValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** The value of type {@code reserved}, which carries nothing. */
    record Reserved() implements IdlValue {
        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    record PrincipalValue(Principal value) implements IdlValue {
        public PrincipalValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** {@code opt}: empty is {@code null} in Candid text. */
    record Opt(Optional<IdlValue> value) implements IdlValue {
        public Opt {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** A vector of anything but {@code nat8} (see {@link Blob}). */
    record Vec(List<IdlValue> elements) implements IdlValue {
        public Vec {
            elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** {@code vec nat8}. The array is not copied: do not modify it after handing it over. */
    record Blob(byte[] bytes) implements IdlValue {
        public Blob {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Blob b && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** A record field or variant case value: id, name (null when unknown), value. Equality ignores the name. */
    record FieldValue(long id, String name, IdlValue value) {
        public FieldValue {
            Objects.requireNonNull(value, "value");
            if (id < 0 || id > 0xffffffffL) {
                throw new IllegalArgumentException("field id " + id + " is outside 0..2^32-1");
            }
            if (name != null && IdlType.idlHash(name) != id) {
                throw new IllegalArgumentException("field name '" + name + "' does not hash to id " + id);
            }
        }

        public String label() {
            return name != null ? name : Long.toString(id);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FieldValue f && f.id == id && f.value.equals(value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id) * 31 + value.hashCode();
        }
    }

    /** A record; fields sorted by id, ids unique. */
    record Record(List<FieldValue> fields) implements IdlValue {
        public Record {
            List<FieldValue> sorted = new ArrayList<>(fields);
            sorted.sort(Comparator.comparingLong(FieldValue::id));
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).id() == sorted.get(i - 1).id()) {
                    throw new IllegalArgumentException("record has two fields with id " + sorted.get(i).id());
                }
            }
            fields = List.copyOf(sorted);
        }

        public Optional<FieldValue> find(long id) {
            for (FieldValue f : fields) {
                if (f.id() == id) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** A variant value: the chosen case. */
    record Variant(long id, String name, IdlValue value) implements IdlValue {
        public Variant {
            new FieldValue(id, name, value); // same checks as a field
        }

        /** The case name if known, else its id in decimal. */
        public String tag() {
            return name != null ? name : Long.toString(id);
        }

        /** True if this is the case called {@code caseName} (compared by id, so it works without names). */
        public boolean is(String caseName) {
            return IdlType.idlHash(caseName) == id;
        }

        /** The case name from a variant type, for values decoded without names. */
        public String tag(IdlType.Variant type) {
            return type.caseWithId(id).map(IdlType.Field::label).orElse(tag());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Variant v && v.id == id && v.value.equals(value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id) * 31 + value.hashCode();
        }

        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** A public method reference {@code func "principal".method}. */
    record FuncRef(Principal service, String method) implements IdlValue {
        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    /** A service reference {@code service "principal"}. */
    record ServiceRef(Principal service) implements IdlValue {
        @Override
        public String toString() {
            return CandidText.print(this);
        }
    }

    // ---- factories ----

    static Bool bool(boolean value) {
        return new Bool(value);
    }

    static Nat nat(long value) {
        return new Nat(BigInteger.valueOf(value));
    }

    static Nat nat(BigInteger value) {
        return new Nat(value);
    }

    /** {@code int} ({@code int} itself is a Java keyword). */
    static Int integer(long value) {
        return new Int(BigInteger.valueOf(value));
    }

    static Int integer(BigInteger value) {
        return new Int(value);
    }

    static FixedInt nat8(int value) {
        return new FixedInt(IdlType.Primitive.NAT8, value);
    }

    static FixedInt nat16(int value) {
        return new FixedInt(IdlType.Primitive.NAT16, value);
    }

    static FixedInt nat32(long value) {
        return new FixedInt(IdlType.Primitive.NAT32, value);
    }

    /** {@code nat64}; negative longs stand for values above {@code Long.MAX_VALUE}. */
    static FixedInt nat64(long value) {
        return new FixedInt(IdlType.Primitive.NAT64, value);
    }

    static FixedInt int8(int value) {
        return new FixedInt(IdlType.Primitive.INT8, value);
    }

    static FixedInt int16(int value) {
        return new FixedInt(IdlType.Primitive.INT16, value);
    }

    static FixedInt int32(int value) {
        return new FixedInt(IdlType.Primitive.INT32, value);
    }

    static FixedInt int64(long value) {
        return new FixedInt(IdlType.Primitive.INT64, value);
    }

    static Float32 float32(float value) {
        return new Float32(value);
    }

    static Float64 float64(double value) {
        return new Float64(value);
    }

    static Text text(String value) {
        return new Text(value);
    }

    static PrincipalValue principal(Principal value) {
        return new PrincipalValue(value);
    }

    static Opt some(IdlValue value) {
        return new Opt(Optional.of(value));
    }

    static Opt none() {
        return NONE;
    }

    static Vec vec(List<? extends IdlValue> elements) {
        return new Vec(List.copyOf(elements));
    }

    static Vec vec(IdlValue... elements) {
        return new Vec(List.of(elements));
    }

    /** A blob; the array is not copied. */
    static Blob blob(byte[] bytes) {
        return new Blob(bytes);
    }

    static FieldValue field(String name, IdlValue value) {
        return new FieldValue(IdlType.idlHash(name), name, value);
    }

    static FieldValue field(long id, IdlValue value) {
        return new FieldValue(id, null, value);
    }

    /** A record of named fields; the order of the map does not matter. */
    static Record record(Map<String, ? extends IdlValue> fields) {
        List<FieldValue> list = new ArrayList<>();
        fields.forEach((n, v) -> list.add(field(n, v)));
        return new Record(list);
    }

    static Record record(FieldValue... fields) {
        return new Record(List.of(fields));
    }

    /** {@code record { v0; v1; ... }}. */
    static Record tuple(IdlValue... values) {
        List<FieldValue> list = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            list.add(field(i, values[i]));
        }
        return new Record(list);
    }

    static Variant variant(String caseName, IdlValue value) {
        return new Variant(IdlType.idlHash(caseName), caseName, value);
    }

    /** A variant case without payload, e.g. {@code variant { install }}. */
    static Variant variant(String caseName) {
        return variant(caseName, NULL);
    }

    // ---- accessors ----

    default boolean isNull() {
        return this instanceof Null;
    }

    default boolean asBool() {
        if (this instanceof Bool b) {
            return b.value();
        }
        throw mismatch("bool");
    }

    /** The value of any non-negative integer ({@code nat}, {@code natN}, or a non-negative {@code int}). */
    default BigInteger asNat() {
        BigInteger v = asInteger();
        if (v.signum() < 0) {
            throw new CandidException("expected a nat, got " + this);
        }
        return v;
    }

    /** The value of any integer type. */
    default BigInteger asInteger() {
        if (this instanceof Nat n) {
            return n.value();
        }
        if (this instanceof Int i) {
            return i.value();
        }
        if (this instanceof FixedInt f) {
            return f.bigValue();
        }
        throw mismatch("an integer");
    }

    /** The value of any integer type that fits a signed long. */
    default long asLong() {
        BigInteger v = asInteger();
        if (v.bitLength() > 63) {
            throw new CandidException(v + " does not fit in a long");
        }
        return v.longValue();
    }

    default double asDouble() {
        if (this instanceof Float64 f) {
            return f.value();
        }
        if (this instanceof Float32 f) {
            return f.value();
        }
        throw mismatch("a float");
    }

    default String asText() {
        if (this instanceof Text t) {
            return t.value();
        }
        throw mismatch("text");
    }

    default Principal asPrincipal() {
        if (this instanceof PrincipalValue p) {
            return p.value();
        }
        throw mismatch("a principal");
    }

    /** The bytes of a blob (also of a {@code vec} of {@code nat8} values). Not copied. */
    default byte[] asBlob() {
        if (this instanceof Blob b) {
            return b.bytes();
        }
        if (this instanceof Vec v) {
            byte[] out = new byte[v.elements().size()];
            for (int i = 0; i < out.length; i++) {
                if (!(v.elements().get(i) instanceof FixedInt f && f.type() == IdlType.Primitive.NAT8)) {
                    throw mismatch("a blob");
                }
                out[i] = (byte) f.bits();
            }
            return out;
        }
        throw mismatch("a blob");
    }

    /** The elements of a vector; a blob gives {@code nat8} values. */
    default List<IdlValue> asVec() {
        if (this instanceof Vec v) {
            return v.elements();
        }
        if (this instanceof Blob b) {
            List<IdlValue> out = new ArrayList<>(b.bytes().length);
            for (byte x : b.bytes()) {
                out.add(nat8(x & 0xff));
            }
            return out;
        }
        throw mismatch("a vec");
    }

    /** The content of an {@code opt}; {@code null} reads as empty. */
    default Optional<IdlValue> asOpt() {
        if (this instanceof Opt o) {
            return o.value();
        }
        if (this instanceof Null) {
            return Optional.empty();
        }
        throw mismatch("an opt");
    }

    default Record asRecord() {
        if (this instanceof Record r) {
            return r;
        }
        throw mismatch("a record");
    }

    default Variant asVariant() {
        if (this instanceof Variant v) {
            return v;
        }
        throw mismatch("a variant");
    }

    /** The record field with this name (looked up by hash, so it works on values decoded without names). */
    default IdlValue field(String name) {
        return asRecord().find(IdlType.idlHash(name)).map(FieldValue::value).orElseThrow(() ->
        new CandidException("record has no field '" + name + "': " + this));
    }

    /** The record field with this id, e.g. a tuple position. */
    default IdlValue field(long id) {
        return asRecord().find(id).map(FieldValue::value).orElseThrow(() ->
        new CandidException("record has no field " + id + ": " + this));
    }

    private CandidException mismatch(String expected) {
        String shown = toString();
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "...";
        }
        return new CandidException("expected " + expected + ", got " + shown);
    }
}
