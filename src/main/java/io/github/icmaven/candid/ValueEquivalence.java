package io.github.icmaven.candid;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The loose equality behind {@link Candid#sameValues}. */
final class ValueEquivalence {
    private ValueEquivalence() {
    }

    static boolean same(IdlValue a, IdlValue b) {
        if (isNumber(a) && isNumber(b)) {
            return sameNumber(a, b);
        }
        if (isAbsent(a) && isAbsent(b)) {
            return true;
        }
        if (a instanceof IdlValue.Opt oa && b instanceof IdlValue.Opt ob) {
            return oa.value().isPresent() && ob.value().isPresent() && same(oa.value().get(), ob.value().get());
        }
        if (a instanceof IdlValue.Blob ba && b instanceof IdlValue.Blob bb) {
            return Arrays.equals(ba.bytes(), bb.bytes());
        }
        if (isVector(a) && isVector(b)) {
            List<IdlValue> la = a.asVec();
            List<IdlValue> lb = b.asVec();
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!same(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof IdlValue.Record ra && b instanceof IdlValue.Record rb) {
            if (ra.fields().size() != rb.fields().size()) {
                return false;
            }
            for (IdlValue.FieldValue f : ra.fields()) {
                Optional<IdlValue.FieldValue> other = rb.find(f.id());
                if (other.isEmpty() || !same(f.value(), other.get().value())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof IdlValue.Variant va && b instanceof IdlValue.Variant vb) {
            return va.id() == vb.id() && same(va.value(), vb.value());
        }
        return a.equals(b);
    }

    private static boolean isAbsent(IdlValue v) {
        return v instanceof IdlValue.Null || (v instanceof IdlValue.Opt o && o.value().isEmpty());
    }

    private static boolean isVector(IdlValue v) {
        return v instanceof IdlValue.Vec || v instanceof IdlValue.Blob;
    }

    private static boolean isNumber(IdlValue v) {
        return v instanceof IdlValue.Nat || v instanceof IdlValue.Int || v instanceof IdlValue.FixedInt
                || v instanceof IdlValue.Float32 || v instanceof IdlValue.Float64;
    }

    private static boolean sameNumber(IdlValue a, IdlValue b) {
        Double da = floatValue(a);
        Double db = floatValue(b);
        if ((da != null && !Double.isFinite(da)) || (db != null && !Double.isFinite(db))) {
            return da != null && db != null && da.equals(db);
        }
        return toDecimal(a, da).compareTo(toDecimal(b, db)) == 0;
    }

    private static Double floatValue(IdlValue v) {
        if (v instanceof IdlValue.Float32 f) {
            return (double) f.value();
        }
        return v instanceof IdlValue.Float64 f ? f.value() : null;
    }

    private static BigDecimal toDecimal(IdlValue v, Double asFloat) {
        return asFloat != null ? new BigDecimal(asFloat) : new BigDecimal(v.asInteger());
    }
}
