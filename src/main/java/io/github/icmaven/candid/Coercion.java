package io.github.icmaven.candid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a value at an expected type with the Candid subtyping rules: extra record fields are dropped,
 * missing {@code opt}/{@code null}/{@code reserved} fields are filled in, variant cases are matched by id,
 * anything that does not fit inside an {@code opt} becomes {@code null}, {@code nat} widens to {@code int}.
 * The result carries the names of the expected type.
 */
final class Coercion {
    private Coercion() {
    }

    static List<IdlValue> coerceArgs(List<IdlValue> values, List<IdlType> expected) {
        List<IdlValue> out = new ArrayList<>(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            IdlType type = expected.get(i);
            if (i < values.size()) {
                try {
                    out.add(coerce(values.get(i), type));
                } catch (CandidException e) {
                    throw new CandidException("argument " + i + ": " + e.getMessage(), e);
                }
            } else {
                // The spec suite rejects a missing null argument (prim.test.did "null: missing"); opt and reserved may be absent.
                Optional<IdlValue> filler = type == IdlType.NULL ? Optional.empty() : absent(type);
                out.add(filler.orElseThrow(() -> new CandidException("missing argument " + (out.size())
                        + " of type " + Candid.abbreviate(type.toString()) + " (only " + values.size() + " given)")));
            }
        }
        return out; // extra trailing values are ignored
    }

    /** The value an absent record field or trailing argument of this type takes, if it may be absent. */
    static Optional<IdlValue> absent(IdlType type) {
        if (type instanceof IdlType.Opt) {
            return Optional.of(IdlValue.NONE);
        }
        if (type == IdlType.NULL) {
            return Optional.of(IdlValue.NULL);
        }
        if (type == IdlType.RESERVED) {
            return Optional.of(IdlValue.RESERVED);
        }
        return Optional.empty();
    }

    static IdlValue coerce(IdlValue value, IdlType type) {
        if (type instanceof IdlType.Primitive p) {
            return coercePrimitive(value, p);
        } else if (type instanceof IdlType.Opt o) {
            if (value instanceof IdlValue.Null || value instanceof IdlValue.Reserved) {
                return IdlValue.NONE;
            }
            if (value instanceof IdlValue.Opt opt) {
                return opt.value().map(inner -> orNone(inner, o.element())).orElse(IdlValue.NONE);
            }
            // A bare value is read as "opt value" unless the content type could itself be null.
            if (absent(o.element()).isPresent()) {
                return IdlValue.NONE;
            }
            return orNone(value, o.element());
        } else if (type instanceof IdlType.Vec v) {
            if (value instanceof IdlValue.Blob blob) {
                if (v.isBlob()) {
                    return blob;
                }
                return coerceElements(value.asVec(), v);
            }
            if (value instanceof IdlValue.Vec vec) {
                return coerceElements(vec.elements(), v);
            }
            throw mismatch(value, type);
        } else if (type instanceof IdlType.Record r) {
            if (!(value instanceof IdlValue.Record rv)) {
                throw mismatch(value, type);
            }
            List<IdlValue.FieldValue> fields = new ArrayList<>(r.fields().size());
            for (IdlType.Field f : r.fields()) {
                Optional<IdlValue.FieldValue> present = rv.find(f.id());
                IdlValue v;
                if (present.isPresent()) {
                    try {
                        v = coerce(present.get().value(), f.type());
                    } catch (CandidException e) {
                        throw new CandidException("field '" + f.label() + "': " + e.getMessage(), e);
                    }
                } else {
                    v = absent(f.type()).orElseThrow(() -> new CandidException("expected record field '"
                            + f.label() + "' of type " + Candid.abbreviate(f.type().toString())
                            + ", but the record has only " + labels(rv)));
                }
                fields.add(new IdlValue.FieldValue(f.id(), f.name(), v));
            }
            return new IdlValue.Record(fields);
        } else if (type instanceof IdlType.Variant t) {
            if (!(value instanceof IdlValue.Variant vv)) {
                throw mismatch(value, type);
            }
            IdlType.Field c = t.caseWithId(vv.id()).orElseThrow(() -> new CandidException("variant case '"
                    + vv.tag() + "' is not one of the expected cases " + Candid.abbreviate(type.toString())));
            try {
                return new IdlValue.Variant(c.id(), c.name(), coerce(vv.value(), c.type()));
            } catch (CandidException e) {
                throw new CandidException("case '" + c.label() + "': " + e.getMessage(), e);
            }
        } else if (type instanceof IdlType.Func f) {
            if (value instanceof IdlValue.FuncRef) {
                return value;
            }
            throw mismatch(value, type);
        } else if (type instanceof IdlType.Service s) {
            if (value instanceof IdlValue.ServiceRef) {
                return value;
            }
            throw mismatch(value, type);
        } else { throw new IllegalStateException("unreachable"); }
    }

    private static IdlValue orNone(IdlValue value, IdlType type) {
        try {
            return IdlValue.some(coerce(value, type));
        } catch (CandidException e) {
            return IdlValue.NONE;
        }
    }

    private static IdlValue coerceElements(List<IdlValue> elements, IdlType.Vec type) {
        if (type.isBlob()) {
            byte[] bytes = new byte[elements.size()];
            for (int i = 0; i < bytes.length; i++) {
                IdlValue e = elements.get(i);
                if (!(e instanceof IdlValue.FixedInt f && f.type() == IdlType.NAT8)) {
                    throw new CandidException("element " + i + ": " + mismatch(e, IdlType.NAT8).getMessage());
                }
                bytes[i] = (byte) f.bits();
            }
            return IdlValue.blob(bytes);
        }
        List<IdlValue> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            try {
                out.add(coerce(elements.get(i), type.element()));
            } catch (CandidException e) {
                throw new CandidException("element " + i + ": " + e.getMessage(), e);
            }
        }
        return IdlValue.vec(out);
    }

    private static IdlValue coercePrimitive(IdlValue value, IdlType.Primitive type) {
        boolean ok = switch (type) {
            case RESERVED -> true;
            case EMPTY -> false;
            case NULL -> value instanceof IdlValue.Null;
            case BOOL -> value instanceof IdlValue.Bool;
            case NAT -> value instanceof IdlValue.Nat;
            case INT -> value instanceof IdlValue.Int || value instanceof IdlValue.Nat;
            case FLOAT32 -> value instanceof IdlValue.Float32;
            case FLOAT64 -> value instanceof IdlValue.Float64;
            case TEXT -> value instanceof IdlValue.Text;
            case PRINCIPAL -> value instanceof IdlValue.PrincipalValue;
            default -> value instanceof IdlValue.FixedInt f && f.type() == type;
        };
        if (!ok) {
            throw mismatch(value, type);
        }
        if (type == IdlType.RESERVED) {
            return IdlValue.RESERVED;
        }
        if (type == IdlType.INT && value instanceof IdlValue.Nat n) {
            return IdlValue.integer(n.value());
        }
        return value;
    }

    private static String labels(IdlValue.Record r) {
        if (r.fields().isEmpty()) {
            return "no fields";
        }
        StringBuilder sb = new StringBuilder("fields ");
        for (int i = 0; i < r.fields().size(); i++) {
            sb.append(i > 0 ? ", " : "").append('\'').append(r.fields().get(i).label()).append('\'');
        }
        return sb.toString();
    }

    private static CandidException mismatch(IdlValue value, IdlType type) {
        return new CandidException("expected " + Candid.abbreviate(type.toString()) + ", got "
                + Candid.abbreviate(value));
    }
}
