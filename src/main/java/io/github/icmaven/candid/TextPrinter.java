package io.github.icmaven.candid;

import java.util.List;

/** Prints values in the Candid text format on one line, with number types annotated ({@code 42 : nat64}). */
final class TextPrinter {
    private TextPrinter() {
    }

    static String printArgs(List<IdlValue> args) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < args.size(); i++) {
            sb.append(i > 0 ? ", " : "");
            print(sb, args.get(i));
        }
        return sb.append(')').toString();
    }

    static String print(IdlValue value) {
        StringBuilder sb = new StringBuilder();
        print(sb, value);
        return sb.toString();
    }

    private static void print(StringBuilder sb, IdlValue value) {
        if (value instanceof IdlValue.Null n) {
            sb.append("null");
        } else if (value instanceof IdlValue.Bool b) {
            sb.append(b.value());
        } else if (value instanceof IdlValue.Nat n) {
            sb.append(n.value()).append(" : nat");
        } else if (value instanceof IdlValue.Int i) {
            sb.append(i.value()).append(" : int");
        } else if (value instanceof IdlValue.FixedInt f) {
            sb.append(f.bigValue()).append(" : ").append(f.type().keyword());
        } else if (value instanceof IdlValue.Float32 f) {
            sb.append(floatText(f.value(), Float.toString(f.value()))).append(" : float32");
        } else if (value instanceof IdlValue.Float64 f) {
            sb.append(floatText(f.value(), Double.toString(f.value()))).append(" : float64");
        } else if (value instanceof IdlValue.Text t) {
            sb.append(IdlText.quote(t.value()));
        } else if (value instanceof IdlValue.Reserved r) {
            sb.append("null : reserved");
        } else if (value instanceof IdlValue.PrincipalValue p) {
            sb.append("principal \"").append(p.value().toText()).append('"');
        } else if (value instanceof IdlValue.Opt o) {
            if (o.value().isEmpty()) {
                sb.append("null");
            } else {
                // "opt" takes an unannotated value: parenthesise annotated ones
                String inner = print(o.value().get());
                boolean annotated = isAnnotated(o.value().get());
                sb.append("opt ").append(annotated ? "(" : "").append(inner).append(annotated ? ")" : "");
            }
        } else if (value instanceof IdlValue.Blob b) {
            sb.append("blob ").append(IdlText.quoteBlob(b.bytes()));
        } else if (value instanceof IdlValue.Vec v) {
            if (v.elements().isEmpty()) {
                sb.append("vec {}");
                return;
            }
            sb.append("vec { ");
            for (int i = 0; i < v.elements().size(); i++) {
                sb.append(i > 0 ? "; " : "");
                print(sb, v.elements().get(i));
            }
            sb.append(" }");
        } else if (value instanceof IdlValue.Record r) {
            if (r.fields().isEmpty()) {
                sb.append("record {}");
                return;
            }
            boolean tuple = true;
            for (int i = 0; i < r.fields().size(); i++) {
                tuple &= r.fields().get(i).id() == i;
            }
            sb.append("record { ");
            for (int i = 0; i < r.fields().size(); i++) {
                IdlValue.FieldValue f = r.fields().get(i);
                sb.append(i > 0 ? "; " : "");
                if (!tuple) {
                    sb.append(IdlText.fieldLabel(f.id(), f.name())).append(" = ");
                }
                print(sb, f.value());
            }
            sb.append(" }");
        } else if (value instanceof IdlValue.Variant v) {
            sb.append("variant { ").append(IdlText.fieldLabel(v.id(), v.name()));
            if (!(v.value() instanceof IdlValue.Null)) {
                sb.append(" = ");
                print(sb, v.value());
            }
            sb.append(" }");
        } else if (value instanceof IdlValue.FuncRef f) {
            sb.append("func \"").append(f.service().toText()).append("\".")
                .append(IdlText.name(f.method()));
        } else if (value instanceof IdlValue.ServiceRef s) {
            sb.append("service \"").append(s.service().toText()).append('"');
        } else {
            throw new IllegalStateException("unreachable");
        }
    }

    private static boolean isAnnotated(IdlValue v) {
        return v instanceof IdlValue.Nat || v instanceof IdlValue.Int || v instanceof IdlValue.FixedInt
                || v instanceof IdlValue.Float32 || v instanceof IdlValue.Float64 || v instanceof IdlValue.Reserved;
    }

    /** {@code shortest} is Java's shortest round-trip text ("1.0", "1.0E10"), valid Candid as is. */
    private static String floatText(double d, String shortest) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return shortest;
    }
}
