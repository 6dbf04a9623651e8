package io.github.icmaven.replica.conformance;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLType;
import org.ic4j.candid.parser.IDLValue;
import org.ic4j.candid.types.Label;
import org.ic4j.candid.types.Type;
import org.ic4j.types.Principal;

/**
 * Candid through ic4j-candid 0.7.2 only, working around its pitfalls (each seen in a run): records and variants are
 * {@code TreeMap}s keyed by {@link Label}, every value carries an explicit {@link IDLType}, an absent opt is
 * {@code Optional.empty()}, a variant is typed with only the case it holds (ic4j always writes case index 0),
 * blobs are {@code byte[]} typed {@code vec nat8}. Replies are decoded without expected types (ic4j picks the
 * wrong variant case when given one); record and variant labels then come back as hash ids, which
 * {@link Label#equals} matches against named labels.
 */
final class Ic4jCandid {
    private Ic4jCandid() {}

    static final IDLType NAT = IDLType.createType(Type.NAT);
    static final IDLType NAT32 = IDLType.createType(Type.NAT32);
    static final IDLType NAT64 = IDLType.createType(Type.NAT64);
    static final IDLType INT32 = IDLType.createType(Type.INT32);
    static final IDLType INT64 = IDLType.createType(Type.INT64);
    static final IDLType FLOAT32 = IDLType.createType(Type.FLOAT32);
    static final IDLType FLOAT64 = IDLType.createType(Type.FLOAT64);
    static final IDLType BOOL = IDLType.createType(Type.BOOL);
    static final IDLType TEXT = IDLType.createType(Type.TEXT);
    static final IDLType NULL = IDLType.createType(Type.NULL);
    static final IDLType PRINCIPAL = IDLType.createType(Type.PRINCIPAL);
    static final IDLType BLOB = IDLType.createType(Type.VEC, IDLType.createType(Type.NAT8));

    static Label label(String name) {
        return Label.createNamedLabel(name);
    }

    static IDLType opt(IDLType inner) {
        return IDLType.createType(Type.OPT, inner);
    }

    static IDLType vec(IDLType inner) {
        return IDLType.createType(Type.VEC, inner);
    }

    /** A variant type listing only {@code caseName}: the only way ic4j encodes the right case index. */
    static IDLType variantType(String caseName, IDLType caseType) {
        Map<Label, IDLType> cases = new TreeMap<>();
        cases.put(label(caseName), caseType);
        return IDLType.createType(Type.VARIANT, cases);
    }

    /** A variant type with all its cases, usable only where no value of it is encoded (e.g. inside a null opt). */
    static IDLType enumType(String... caseNames) {
        Map<Label, IDLType> cases = new TreeMap<>();
        for (String name : caseNames) {
            cases.put(label(name), NULL);
        }
        return IDLType.createType(Type.VARIANT, cases);
    }

    static Map<Label, Object> variantValue(String caseName, Object value) {
        Map<Label, Object> v = new TreeMap<>();
        v.put(label(caseName), value);
        return v;
    }

    /** Builds a record type and value together so the two always list the same fields. */
    static final class Rec {
        private final Map<Label, IDLType> types = new TreeMap<>();
        private final Map<Label, Object> values = new TreeMap<>();

        Rec put(String name, IDLType type, Object value) {
            if (value == null && type.getType() != Type.NULL) {
                throw new IllegalArgumentException("field " + name + ": use Optional.empty() for an absent opt");
            }
            types.put(label(name), type);
            values.put(label(name), value);
            return this;
        }

        IDLType type() {
            return IDLType.createType(Type.RECORD, types);
        }

        Map<Label, Object> value() {
            return values;
        }

        IDLValue idl() {
            return IDLValue.create(values, type());
        }
    }

    static Rec rec() {
        return new Rec();
    }

    static byte[] encode(IDLValue... args) {
        return IDLArgs.create(List.of(args)).toBytes();
    }

    static byte[] encodeEmpty() {
        return IDLArgs.create(new ArrayList<>()).toBytes();
    }

    /** The single value of a reply (decoded without expected types). */
    static Object decodeOne(byte[] reply) {
        List<IDLValue> args = IDLArgs.fromBytes(reply).getArgs();
        if (args.size() != 1) {
            throw new AssertionError("expected a reply of one value, got " + args.size() + " values");
        }
        return args.get(0).getValue();
    }

    static boolean decodesToNoValues(byte[] reply) {
        return IDLArgs.fromBytes(reply).getArgs().isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<Label, Object> asRecord(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a record, got " + describe(value));
        }
        return (Map<Label, Object>) value;
    }

    static Object field(Object record, String name) {
        Map<Label, Object> map = asRecord(record);
        Label l = label(name);
        if (!map.containsKey(l)) {
            throw new AssertionError("record has no field '" + name + "' (id " + l.getId() + "): " + map.keySet());
        }
        return map.get(l);
    }

    /** Which of {@code caseNames} a decoded variant holds. */
    static String variantCase(Object variant, String... caseNames) {
        Map<Label, Object> map = asRecord(variant);
        if (map.size() != 1) {
            throw new AssertionError("a variant value holds exactly one case, got " + map.keySet());
        }
        for (String name : caseNames) {
            if (map.containsKey(label(name))) {
                return name;
            }
        }
        throw new AssertionError("variant case " + map.keySet() + " is none of " + Arrays.toString(caseNames));
    }

    static Object variantPayload(Object variant) {
        return asRecord(variant).values().iterator().next();
    }

    static Optional<?> asOpt(Object value) {
        if (!(value instanceof Optional<?> o)) {
            throw new AssertionError("expected an opt, got " + describe(value));
        }
        return o;
    }

    static byte[] asBlob(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof Object[] boxed) {
            byte[] out = new byte[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                out[i] = ((Number) boxed[i]).byteValue();
            }
            return out;
        }
        throw new AssertionError("expected a blob, got " + describe(value));
    }

    static Object[] asVec(Object value) {
        if (value instanceof Object[] a) {
            return a;
        }
        throw new AssertionError("expected a vec, got " + describe(value));
    }

    static BigInteger asNat(Object value) {
        if (value instanceof BigInteger b) {
            return b;
        }
        throw new AssertionError("expected a nat, got " + describe(value));
    }

    static long asNat64(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof BigInteger b) {
            return b.longValueExact();
        }
        throw new AssertionError("expected a nat64, got " + describe(value));
    }

    static String asText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new AssertionError("expected a text, got " + describe(value));
    }

    static Principal asPrincipal(Object value) {
        if (value instanceof Principal p) {
            return p;
        }
        throw new AssertionError("expected a principal, got " + describe(value));
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Object[] a) {
            return value.getClass().getSimpleName() + Arrays.deepToString(a);
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
