package io.github.icmaven.candid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes "DIDL", the type table (one entry per distinct compound type), the argument types and the values. */
final class BinaryEncoder {
    private static final byte[] MAGIC = {'D', 'I', 'D', 'L'};

    private final Map<IdlType, Integer> tableIndex = new HashMap<>();
    private final List<byte[]> tableEntries = new ArrayList<>();

    static byte[] encode(List<IdlType> types, List<IdlValue> values) {
        if (types.size() != values.size()) {
            throw new CandidException("got " + types.size() + " argument type(s) but " + values.size() + " value(s)");
        }
        BinaryEncoder encoder = new BinaryEncoder();
        int[] argRefs = new int[types.size()];
        for (int i = 0; i < argRefs.length; i++) {
            argRefs[i] = encoder.typeRef(types.get(i));
        }
        ByteSink values0 = new ByteSink();
        for (int i = 0; i < argRefs.length; i++) {
            try {
                writeValue(values0, types.get(i), values.get(i));
            } catch (CandidException e) {
                throw new CandidException("argument " + i + ": " + e.getMessage(), e);
            }
        }
        ByteSink out = new ByteSink();
        out.write(MAGIC);
        out.writeLeb(encoder.tableEntries.size());
        encoder.tableEntries.forEach(out::write);
        out.writeLeb(argRefs.length);
        for (int ref : argRefs) {
            out.writeSleb(ref);
        }
        out.write(values0.toByteArray());
        return out.toByteArray();
    }

    /** The opcode of a primitive, else the index of the (shared) table entry of a compound type. */
    private int typeRef(IdlType type) {
        if (type instanceof IdlType.Primitive p) {
            return p.opcode();
        }
        Integer known = tableIndex.get(type);
        if (known != null) {
            return known;
        }
        ByteSink entry = new ByteSink();
        if (type instanceof IdlType.Opt o) {
            int inner = typeRef(o.element());
            entry.writeSleb(-18);
            entry.writeSleb(inner);
        } else if (type instanceof IdlType.Vec v) {
            int inner = typeRef(v.element());
            entry.writeSleb(-19);
            entry.writeSleb(inner);
        } else if (type instanceof IdlType.Record r) {
            writeFields(entry, -20, r.fields());
        } else if (type instanceof IdlType.Variant v) {
            writeFields(entry, -21, v.cases());
        } else if (type instanceof IdlType.Func f) {
            writeFunc(entry, f);
        } else if (type instanceof IdlType.Service s) {
            List<byte[]> names = new ArrayList<>();
            List<Integer> refs = new ArrayList<>();
            s.methods().forEach((n, f) -> {
                names.add(n.getBytes(StandardCharsets.UTF_8));
                refs.add(typeRef(f));
            });
            entry.writeSleb(-23);
            entry.writeLeb(names.size());
            for (int i = 0; i < names.size(); i++) {
                entry.writeLeb(names.get(i).length);
                entry.write(names.get(i));
                entry.writeSleb(refs.get(i));
            }
        } else if (type instanceof IdlType.Primitive p) {
            throw new IllegalStateException("unreachable");
        } else {
            throw new IllegalStateException("unreachable");
        }
        int index = tableEntries.size();
        tableEntries.add(entry.toByteArray());
        tableIndex.put(type, index);
        return index;
    }

    private void writeFields(ByteSink entry, int opcode, List<IdlType.Field> fields) {
        int[] refs = fields.stream().mapToInt(f -> typeRef(f.type())).toArray();
        entry.writeSleb(opcode);
        entry.writeLeb(fields.size());
        for (int i = 0; i < refs.length; i++) {
            entry.writeLeb(fields.get(i).id());
            entry.writeSleb(refs[i]);
        }
    }

    private void writeFunc(ByteSink entry, IdlType.Func f) {
        int[] args = f.args().stream().mapToInt(this::typeRef).toArray();
        int[] results = f.results().stream().mapToInt(this::typeRef).toArray();
        entry.writeSleb(-22);
        entry.writeLeb(args.length);
        for (int a : args) {
            entry.writeSleb(a);
        }
        entry.writeLeb(results.length);
        for (int r : results) {
            entry.writeSleb(r);
        }
        entry.writeLeb(f.annotations().size());
        for (String a : f.annotations()) {
            entry.write(switch (a) {
                case "query" -> 1;
                case "oneway" -> 2;
                default -> 3; // composite_query
            });
        }
    }

    private static void writeValue(ByteSink out, IdlType type, IdlValue value) {
        if (type instanceof IdlType.Primitive p) {
            writePrimitive(out, p, value);
        } else if (type instanceof IdlType.Opt o) {
            if (value instanceof IdlValue.Null) { // null is the text-format spelling of an absent opt
                out.write(0);
            } else if (value instanceof IdlValue.Opt opt) {
                if (opt.value().isEmpty()) {
                    out.write(0);
                } else {
                    out.write(1);
                    writeValue(out, o.element(), opt.value().get());
                }
            } else {
                throw mismatch(type, value);
            }
        } else if (type instanceof IdlType.Vec v) {
            if (v.isBlob() && value instanceof IdlValue.Blob blob) {
                out.writeLeb(blob.bytes().length);
                out.write(blob.bytes());
            } else if (value instanceof IdlValue.Vec vec) {
                out.writeLeb(vec.elements().size());
                for (int i = 0; i < vec.elements().size(); i++) {
                    try {
                        writeValue(out, v.element(), vec.elements().get(i));
                    } catch (CandidException e) {
                        throw new CandidException("element " + i + ": " + e.getMessage(), e);
                    }
                }
            } else {
                throw mismatch(type, value);
            }
        } else if (type instanceof IdlType.Record r) {
            if (!(value instanceof IdlValue.Record rv)) {
                throw mismatch(type, value);
            }
            for (IdlType.Field f : r.fields()) {
                IdlValue fieldValue = rv.find(f.id()).map(IdlValue.FieldValue::value).orElse(null);
                if (fieldValue == null) {
                    if (!(f.type() instanceof IdlType.Opt || f.type() == IdlType.NULL
                            || f.type() == IdlType.RESERVED)) {
                        throw new CandidException("expected record field " + quoted(f) + " (" + f.type()
                                + ") but the value has none: " + Candid.abbreviate(value));
                    }
                    fieldValue = f.type() instanceof IdlType.Opt ? IdlValue.NONE : IdlValue.NULL;
                }
                try {
                    writeValue(out, f.type(), fieldValue);
                } catch (CandidException e) {
                    throw new CandidException("field " + quoted(f) + ": " + e.getMessage(), e);
                }
            }
            for (IdlValue.FieldValue fv : rv.fields()) {
                if (r.field(fv.id()).isEmpty()) {
                    throw new CandidException("record value has field '" + fv.label()
                            + "' that the type does not declare: " + type);
                }
            }
        } else if (type instanceof IdlType.Variant v) {
            if (!(value instanceof IdlValue.Variant vv)) {
                throw mismatch(type, value);
            }
            int index = -1;
            for (int i = 0; i < v.cases().size(); i++) {
                if (v.cases().get(i).id() == vv.id()) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new CandidException("variant case '" + vv.tag() + "' is not one of " + type);
            }
            out.writeLeb(index);
            try {
                writeValue(out, v.cases().get(index).type(), vv.value());
            } catch (CandidException e) {
                throw new CandidException("case " + quoted(v.cases().get(index)) + ": " + e.getMessage(), e);
            }
        } else if (type instanceof IdlType.Func f) {
            if (!(value instanceof IdlValue.FuncRef ref)) {
                throw mismatch(type, value);
            }
            out.write(1);
            out.write(1);
            writeBytes(out, ref.service().bytes());
            writeBytes(out, ref.method().getBytes(StandardCharsets.UTF_8));
        } else if (type instanceof IdlType.Service s) {
            if (!(value instanceof IdlValue.ServiceRef ref)) {
                throw mismatch(type, value);
            }
            out.write(1);
            writeBytes(out, ref.service().bytes());
        } else { throw new IllegalStateException("unreachable"); }
    }

    private static void writePrimitive(ByteSink out, IdlType.Primitive type, IdlValue value) {
        switch (type) {
            case NULL -> expect(value instanceof IdlValue.Null, type, value);
            case RESERVED -> { } // any value; nothing is written
            case EMPTY -> throw new CandidException("type empty has no values, got " + Candid.abbreviate(value));
            case BOOL -> out.write(value instanceof IdlValue.Bool b ? (b.value() ? 1 : 0) : fail(type, value));
            case NAT -> {
                expect(value instanceof IdlValue.Nat, type, value);
                out.writeLeb(((IdlValue.Nat) value).value());
            }
            case INT -> {
                if (value instanceof IdlValue.Int i) {
                    out.writeSleb(i.value());
                } else if (value instanceof IdlValue.Nat n) { // nat <: int
                    out.writeSleb(n.value());
                } else {
                    throw mismatch(type, value);
                }
            }
            case NAT8, NAT16, NAT32, NAT64, INT8, INT16, INT32, INT64 -> {
                expect(value instanceof IdlValue.FixedInt f && f.type() == type, type, value);
                out.writeLittleEndian(((IdlValue.FixedInt) value).bits(), type.bits() / 8);
            }
            case FLOAT32 -> {
                expect(value instanceof IdlValue.Float32, type, value);
                out.writeLittleEndian(Float.floatToRawIntBits(((IdlValue.Float32) value).value()), 4);
            }
            case FLOAT64 -> {
                expect(value instanceof IdlValue.Float64, type, value);
                out.writeLittleEndian(Double.doubleToRawLongBits(((IdlValue.Float64) value).value()), 8);
            }
            case TEXT -> {
                expect(value instanceof IdlValue.Text, type, value);
                writeBytes(out, ((IdlValue.Text) value).value().getBytes(StandardCharsets.UTF_8));
            }
            case PRINCIPAL -> {
                expect(value instanceof IdlValue.PrincipalValue, type, value);
                out.write(1);
                writeBytes(out, ((IdlValue.PrincipalValue) value).value().bytes());
            }
        }
    }

    private static void writeBytes(ByteSink out, byte[] bytes) {
        out.writeLeb(bytes.length);
        out.write(bytes);
    }

    private static void expect(boolean ok, IdlType type, IdlValue value) {
        if (!ok) {
            throw mismatch(type, value);
        }
    }

    private static int fail(IdlType type, IdlValue value) {
        throw mismatch(type, value);
    }

    private static CandidException mismatch(IdlType type, IdlValue value) {
        return new CandidException("expected a value of type " + Candid.abbreviate(type.toString())
                + ", got " + Candid.abbreviate(value));
    }

    private static String quoted(IdlType.Field f) {
        return "'" + f.label() + "'";
    }
}
