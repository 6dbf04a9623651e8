package io.github.icmaven.candid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The principal type of a value, joining the types of vector elements. */
final class TypeInference {
    private TypeInference() {
    }

    static IdlType infer(IdlValue value) {
        if (value instanceof IdlValue.Null n) {
            return IdlType.NULL;
        } else if (value instanceof IdlValue.Bool b) {
            return IdlType.BOOL;
        } else if (value instanceof IdlValue.Nat n) {
            return IdlType.NAT;
        } else if (value instanceof IdlValue.Int i) {
            return IdlType.INT;
        } else if (value instanceof IdlValue.FixedInt f) {
            return f.type();
        } else if (value instanceof IdlValue.Float32 f) {
            return IdlType.FLOAT32;
        } else if (value instanceof IdlValue.Float64 f) {
            return IdlType.FLOAT64;
        } else if (value instanceof IdlValue.Text t) {
            return IdlType.TEXT;
        } else if (value instanceof IdlValue.Reserved r) {
            return IdlType.RESERVED;
        } else if (value instanceof IdlValue.PrincipalValue p) {
            return IdlType.PRINCIPAL;
        } else if (value instanceof IdlValue.Opt o) {
            return IdlType.opt(o.value().map(TypeInference::infer).orElse(IdlType.EMPTY));
        } else if (value instanceof IdlValue.Blob b) {
            return IdlType.BLOB;
        } else if (value instanceof IdlValue.Vec v) {
            IdlType element = IdlType.EMPTY;
            for (int i = 0; i < v.elements().size(); i++) {
                IdlType t = infer(v.elements().get(i));
                IdlType joined = join(element, t);
                if (joined == null) {
                    throw new CandidException("vec element " + i + " has type " + t
                            + ", which does not fit the earlier elements' type " + element);
                }
                element = joined;
            }
            return IdlType.vec(element);
        } else if (value instanceof IdlValue.Record r) {
            List<IdlType.Field> fields = new ArrayList<>();
            r.fields().forEach(f -> fields.add(new IdlType.Field(f.id(), f.name(), infer(f.value()))));
            return new IdlType.Record(fields);
        } else if (value instanceof IdlValue.Variant v) {
            return IdlType.variant(new IdlType.Field(v.id(), v.name(), infer(v.value())));
        } else if (value instanceof IdlValue.FuncRef f) {
            return IdlType.func(List.of(), List.of());
        } else if (value instanceof IdlValue.ServiceRef s) {
            return IdlType.service(java.util.Map.of());
        } else {
            throw new IllegalStateException("unreachable");
        }
    }

    /** The least type both fit, or null if there is none that we can find. */
    static IdlType join(IdlType a, IdlType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a == IdlType.EMPTY) {
            return b;
        }
        if (b == IdlType.EMPTY) {
            return a;
        }
        if ((a == IdlType.NAT && b == IdlType.INT) || (a == IdlType.INT && b == IdlType.NAT)) {
            return IdlType.INT;
        }
        if (a == IdlType.NULL && b instanceof IdlType.Opt) {
            return b;
        }
        if (b == IdlType.NULL && a instanceof IdlType.Opt) {
            return a;
        }
        if (a instanceof IdlType.Opt oa && b instanceof IdlType.Opt ob) {
            IdlType inner = join(oa.element(), ob.element());
            return inner == null ? null : IdlType.opt(inner);
        }
        if (a instanceof IdlType.Vec va && b instanceof IdlType.Vec vb) {
            IdlType inner = join(va.element(), vb.element());
            return inner == null ? null : IdlType.vec(inner);
        }
        if (a instanceof IdlType.Record ra && b instanceof IdlType.Record rb) {
            if (ra.fields().size() != rb.fields().size()) {
                return null;
            }
            List<IdlType.Field> fields = new ArrayList<>();
            for (int i = 0; i < ra.fields().size(); i++) {
                IdlType.Field fa = ra.fields().get(i);
                IdlType.Field fb = rb.fields().get(i);
                IdlType inner = fa.id() == fb.id() ? join(fa.type(), fb.type()) : null;
                if (inner == null) {
                    return null;
                }
                fields.add(new IdlType.Field(fa.id(), fa.name() != null ? fa.name() : fb.name(), inner));
            }
            return new IdlType.Record(fields);
        }
        if (a instanceof IdlType.Variant va && b instanceof IdlType.Variant vb) {
            List<IdlType.Field> cases = new ArrayList<>(va.cases());
            for (IdlType.Field c : vb.cases()) {
                Optional<IdlType.Field> same = va.caseWithId(c.id());
                if (same.isEmpty()) {
                    cases.add(c);
                } else {
                    IdlType inner = join(same.get().type(), c.type());
                    if (inner == null) {
                        return null;
                    }
                    cases.remove(same.get());
                    cases.add(new IdlType.Field(c.id(), c.name() != null ? c.name() : same.get().name(), inner));
                }
            }
            return new IdlType.Variant(cases);
        }
        return null;
    }
}
