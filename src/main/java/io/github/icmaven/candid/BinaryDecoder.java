package io.github.icmaven.candid;

import io.github.icmaven.ic.Principal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a "DIDL" message into self-described values, walking the wire type table (which may be
 * recursive) by index. Field names are unknown on the wire, so records and variants carry ids only.
 */
final class BinaryDecoder {
    private static final int MAX_DEPTH = 256;
    private static final long MAX_ID = 0xffffffffL;
    private static final int OPT = -18, VEC = -19, RECORD = -20, VARIANT = -21, FUNC = -22, SERVICE = -23;

    /** A compound type from the table; {@code refs} hold opcodes (negative) or table indices. */
    private record Entry(int opcode, long[] ids, int[] refs) {
    }

    private final ByteSource in;
    private final List<Entry> table = new ArrayList<>();
    private final long valueBudget;
    private long valuesDecoded;

    private BinaryDecoder(byte[] message) {
        this.in = new ByteSource(message);
        // Guards against "space bombs" (e.g. vec null of length 2^32 costs a few bytes on the wire).
        this.valueBudget = 1_000_000L + 8L * message.length;
    }

    static List<IdlValue> decode(byte[] message) {
        return new BinaryDecoder(message).run();
    }

    private List<IdlValue> run() {
        if (in.remaining() < 4 || in.readByte() != 'D' || in.readByte() != 'I' || in.readByte() != 'D'
                || in.readByte() != 'L') {
            throw new CandidException("not a Candid message: it does not start with \"DIDL\"");
        }
        long tableSize = in.readLeb(in.remaining(), "type table length");
        for (int i = 0; i < tableSize; i++) {
            table.add(readEntry(i));
        }
        for (int i = 0; i < table.size(); i++) {
            for (int ref : table.get(i).refs()) {
                checkRef(ref, "type table entry " + i);
            }
        }
        long argCount = in.readLeb(in.remaining(), "argument count");
        int[] argRefs = new int[(int) argCount];
        for (int i = 0; i < argCount; i++) {
            argRefs[i] = in.readSlebInt("argument type");
            checkRef(argRefs[i], "argument " + i);
        }
        List<IdlValue> values = new ArrayList<>(argRefs.length);
        for (int i = 0; i < argRefs.length; i++) {
            try {
                values.add(readValue(argRefs[i], 0));
            } catch (CandidException e) {
                throw new CandidException("argument " + i + ": " + e.getMessage(), e);
            }
        }
        if (in.remaining() != 0) {
            throw new CandidException(in.remaining() + " byte(s) left over after the last argument");
        }
        return values;
    }

    private Entry readEntry(int index) {
        int opcode = in.readSlebInt("type code");
        switch (opcode) {
            case OPT, VEC -> {
                return new Entry(opcode, new long[0], new int[] {in.readSlebInt("type")});
            }
            case RECORD, VARIANT -> {
                long n = in.readLeb(in.remaining(), "field count");
                long[] ids = new long[(int) n];
                int[] refs = new int[(int) n];
                for (int i = 0; i < n; i++) {
                    ids[i] = in.readLeb(MAX_ID, "field id");
                    if (i > 0 && ids[i] <= ids[i - 1]) {
                        throw new CandidException("type table entry " + index + ": field ids are not strictly increasing ("
                                + ids[i - 1] + " then " + ids[i] + ")");
                    }
                    refs[i] = in.readSlebInt("field type");
                }
                return new Entry(opcode, ids, refs);
            }
            case FUNC -> {
                List<Integer> refs = new ArrayList<>();
                long args = in.readLeb(in.remaining(), "func argument count");
                for (int i = 0; i < args; i++) {
                    refs.add(in.readSlebInt("func argument type"));
                }
                long results = in.readLeb(in.remaining(), "func result count");
                for (int i = 0; i < results; i++) {
                    refs.add(in.readSlebInt("func result type"));
                }
                long annotations = in.readLeb(in.remaining(), "func annotation count");
                for (int i = 0; i < annotations; i++) {
                    int a = in.readByte();
                    if (a < 1 || a > 3) {
                        throw new CandidException("unknown func annotation " + a);
                    }
                }
                return new Entry(opcode, new long[0], refs.stream().mapToInt(Integer::intValue).toArray());
            }
            case SERVICE -> {
                long n = in.readLeb(in.remaining(), "method count");
                int[] refs = new int[(int) n];
                for (int i = 0; i < n; i++) {
                    in.readUtf8(in.readLeb(in.remaining(), "method name length"));
                    refs[i] = in.readSlebInt("method type");
                }
                return new Entry(opcode, new long[0], refs);
            }
            default -> throw new CandidException("type table entry " + index + " has type code " + opcode
                    + ", which is not a compound type");
        }
    }

    private void checkRef(int ref, String where) {
        if (ref >= 0) {
            if (ref >= table.size()) {
                throw new CandidException(where + " refers to type table entry " + ref + " but the table has "
                        + table.size());
            }
        } else if (!(ref >= -17 || ref == -24)) {
            throw new CandidException(where + " has type code " + ref + ", which is not a primitive type");
        }
    }

    private IdlValue readValue(int ref, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CandidException("values nest deeper than " + MAX_DEPTH + " levels");
        }
        if (++valuesDecoded > valueBudget) {
            throw new CandidException("message holds more than " + valueBudget + " values");
        }
        if (ref < 0) {
            return readPrimitive(ref);
        }
        Entry e = table.get(ref);
        switch (e.opcode()) {
            case OPT -> {
                int flag = in.readByte();
                if (flag == 0) {
                    return IdlValue.NONE;
                }
                if (flag != 1) {
                    throw new CandidException("opt flag must be 0 or 1, got " + flag);
                }
                return IdlValue.some(readValue(e.refs()[0], depth + 1));
            }
            case VEC -> {
                long n = in.readLeb(Integer.MAX_VALUE - 8, "vec length");
                if (e.refs()[0] == IdlType.NAT8.opcode()) {
                    return IdlValue.blob(in.readBytes(n));
                }
                if (n > valueBudget - valuesDecoded) {
                    throw new CandidException("vec of " + n + " elements exceeds the value budget");
                }
                List<IdlValue> elements = new ArrayList<>((int) Math.min(n, 1024));
                for (long i = 0; i < n; i++) {
                    elements.add(readValue(e.refs()[0], depth + 1));
                }
                return IdlValue.vec(elements);
            }
            case RECORD -> {
                List<IdlValue.FieldValue> fields = new ArrayList<>(e.ids().length);
                for (int i = 0; i < e.ids().length; i++) {
                    fields.add(IdlValue.field(e.ids()[i], readValue(e.refs()[i], depth + 1)));
                }
                return new IdlValue.Record(fields);
            }
            case VARIANT -> {
                long index = in.readLeb(Integer.MAX_VALUE, "variant index");
                if (index >= e.ids().length) {
                    throw new CandidException("variant index " + index + " is out of range (" + e.ids().length
                            + " cases)");
                }
                int i = (int) index;
                return new IdlValue.Variant(e.ids()[i], null, readValue(e.refs()[i], depth + 1));
            }
            case FUNC -> {
                expectReferenceFlag("func");
                Principal service = readPrincipalBody("func service");
                String method = in.readUtf8(in.readLeb(in.remaining(), "method name length"));
                return new IdlValue.FuncRef(service, method);
            }
            case SERVICE -> {
                return new IdlValue.ServiceRef(readPrincipalBody("service"));
            }
            default -> throw new IllegalStateException("unreachable");
        }
    }

    private IdlValue readPrimitive(int opcode) {
        switch (opcode) {
            case -1:
                return IdlValue.NULL;
            case -2: {
                int b = in.readByte();
                if (b > 1) {
                    throw new CandidException("bool must be 0 or 1, got " + b);
                }
                return IdlValue.bool(b == 1);
            }
            case -3:
                return IdlValue.nat(in.readLebBig());
            case -4:
                return IdlValue.integer(in.readSlebBig());
            case -5:
                return IdlValue.nat8((int) in.readLittleEndian(1));
            case -6:
                return IdlValue.nat16((int) in.readLittleEndian(2));
            case -7:
                return IdlValue.nat32(in.readLittleEndian(4));
            case -8:
                return IdlValue.nat64(in.readLittleEndian(8));
            case -9:
                return IdlValue.int8((byte) in.readLittleEndian(1));
            case -10:
                return IdlValue.int16((short) in.readLittleEndian(2));
            case -11:
                return IdlValue.int32((int) in.readLittleEndian(4));
            case -12:
                return IdlValue.int64(in.readLittleEndian(8));
            case -13:
                return IdlValue.float32(Float.intBitsToFloat((int) in.readLittleEndian(4)));
            case -14:
                return IdlValue.float64(Double.longBitsToDouble(in.readLittleEndian(8)));
            case -15:
                return IdlValue.text(in.readUtf8(in.readLeb(in.remaining(), "text length")));
            case -16:
                return IdlValue.RESERVED;
            case -17:
                throw new CandidException("a value of type empty cannot exist");
            case -24:
                return IdlValue.principal(readPrincipalBody("principal"));
            default:
                throw new IllegalStateException("unreachable opcode " + opcode);
        }
    }

    private Principal readPrincipalBody(String what) {
        expectReferenceFlag(what);
        long n = in.readLeb(in.remaining(), what + " length");
        if (n > 29) {
            throw new CandidException(what + " of " + n + " bytes is longer than 29");
        }
        return Principal.of(in.readBytes(n));
    }

    private void expectReferenceFlag(String what) {
        int flag = in.readByte();
        if (flag != 1) {
            throw new CandidException(what + ": only transparent references (flag 1) are supported, got flag " + flag);
        }
    }
}
