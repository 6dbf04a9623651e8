package io.github.icmaven.candid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Candid subtyping ({@code <:}) as the Candid specification defines it for upgrades ("Upgrading and
 * Subtyping", rules for primitives, {@code reserved}/{@code empty}, options, vectors, records, variants,
 * functions and services), over types with names, so recursive types are compared coinductively: a pair of
 * types under comparison is assumed related while its names are unfolded, and the assumption dropped if the
 * comparison fails (as the Rust {@code candid} crate's {@code subtype} does).
 *
 * <p>The spec's two "special opt rules" make any type a subtype of any {@code opt} type (a value that does not
 * fit reads as {@code null}); the spec encourages checkers to warn when they are used, so each use is a warning.
 */
public final class CandidSubtyping {
    private static final DidType OPT_EMPTY = new DidType.Opt(new DidType.Prim(IdlType.Primitive.EMPTY));

    private final Set<Assumption> assumed = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final Deque<String> context = new ArrayDeque<>();
    private String method = "";

    private CandidSubtyping() {}

    /** What an upgrade from {@code older} to {@code newer} breaks, per method, and where it relies on the opt rules. */
    public record Verdict(List<String> incompatibilities, List<String> warnings) {
        public boolean compatible() {
            return incompatibilities.isEmpty();
        }
    }

    /**
     * Is the new service a subtype of the old one: every old method still there, with a type that is a subtype
     * of its old type (arguments contravariant, results covariant)?
     */
    public static Verdict serviceCompatible(CandidInterface newer, CandidInterface older) {
        CandidSubtyping checker = new CandidSubtyping();
        List<String> incompatible = new ArrayList<>();
        for (Map.Entry<String, DidType> method : new TreeMap<>(older.methods()).entrySet()) {
            String name = method.getKey();
            DidType newType = newer.methods().get(name);
            if (newType == null) {
                incompatible.add("method " + IdlText.name(name) + " : " + method.getValue() + " was removed");
                continue;
            }
            checker.method = "method " + IdlText.name(name) + ": ";
            Optional<String> why = checker.check(new Side(newType, newer), new Side(method.getValue(), older));
            why.ifPresent(reason -> incompatible.add("method " + IdlText.name(name) + " changed from "
                    + method.getValue() + " to " + newType + ": " + reason));
        }
        return new Verdict(List.copyOf(incompatible), List.copyOf(checker.warnings));
    }

    /** {@code sub <: sup}, each type read in its own interface; empty when it holds, else why not. */
    public static Optional<String> subtype(CandidInterface subInterface, DidType sub, CandidInterface supInterface,
            DidType sup) {
        return new CandidSubtyping().check(new Side(sub, subInterface), new Side(sup, supInterface));
    }

    /** As {@link #subtype}, also returning the warnings about the opt rules it used. */
    static Verdict subtypeWithWarnings(CandidInterface subInterface, DidType sub, CandidInterface supInterface,
            DidType sup) {
        CandidSubtyping checker = new CandidSubtyping();
        Optional<String> why = checker.check(new Side(sub, subInterface), new Side(sup, supInterface));
        return new Verdict(why.map(List::of).orElse(List.of()), List.copyOf(checker.warnings));
    }

    /** A type and the interface its names belong to. */
    private record Side(DidType type, CandidInterface in) {
        Side with(DidType other) {
            return new Side(other, in);
        }

        Side resolved() {
            return with(in.resolve(type));
        }
    }

    private record Assumption(Side sub, Side sup) {}

    /** Warnings of a failed attempt are dropped: only the derivation that holds counts. */
    private Optional<String> check(Side sub, Side sup) {
        int warningsBefore = warnings.size();
        Optional<String> why = unfoldAndCheck(sub, sup);
        if (why.isPresent()) {
            warnings.subList(warningsBefore, warnings.size()).clear();
        }
        return why;
    }

    private Optional<String> unfoldAndCheck(Side sub, Side sup) {
        if (sub.type() instanceof DidType.Named || sup.type() instanceof DidType.Named) {
            Assumption assumption = new Assumption(sub, sup);
            if (!assumed.add(assumption)) {
                return Optional.empty(); // coinduction: already being shown
            }
            Optional<String> why = check(sub.resolved(), sup.resolved());
            if (why.isPresent()) {
                assumed.remove(assumption);
            }
            return why;
        }
        return structural(sub, sup);
    }

    private Optional<String> structural(Side sub, Side sup) {
        DidType t1 = sub.type();
        DidType t2 = sup.type();
        if (isPrimitive(t2, IdlType.Primitive.RESERVED) || isPrimitive(t1, IdlType.Primitive.EMPTY)) {
            return Optional.empty();
        }
        if (t2 instanceof DidType.Opt opt) {
            return optional(sub, sup.with(opt.element()), t2);
        }
        if (t1 instanceof DidType.Prim p1 && t2 instanceof DidType.Prim p2) {
            return p1.equals(p2) || (p1.primitive() == IdlType.Primitive.NAT && p2.primitive() == IdlType.Primitive.INT)
                    ? Optional.empty() : notSubtype(t1, t2);
        }
        if (t1 instanceof DidType.Vec v1 && t2 instanceof DidType.Vec v2) {
            return within("vector element", () -> check(sub.with(v1.element()), sup.with(v2.element())));
        }
        if (t1 instanceof DidType.Record r1 && t2 instanceof DidType.Record r2) {
            return record(sub, r1.fields(), sup, r2.fields(), "field");
        }
        if (t1 instanceof DidType.Variant v1 && t2 instanceof DidType.Variant v2) {
            return variant(sub, v1, sup, v2);
        }
        if (t1 instanceof DidType.Func f1 && t2 instanceof DidType.Func f2) {
            return function(sub, f1, sup, f2);
        }
        if (t1 instanceof DidType.Service s1 && t2 instanceof DidType.Service s2) {
            for (Map.Entry<String, DidType> method : new TreeMap<>(s2.methods()).entrySet()) {
                DidType m1 = s1.methods().get(method.getKey());
                if (m1 == null) {
                    return fail("service has no method " + IdlText.name(method.getKey()));
                }
                Optional<String> why = within("method " + IdlText.name(method.getKey()),
                        () -> check(sub.with(m1), sup.with(method.getValue())));
                if (why.isPresent()) {
                    return why;
                }
            }
            return Optional.empty();
        }
        return notSubtype(t1, t2);
    }

    /** {@code t <: opt t'}: null, the constituent rule, else the special opt rules (with a warning). */
    private Optional<String> optional(Side sub, Side supElement, DidType sup) {
        DidType t1 = sub.type();
        if (isPrimitive(t1, IdlType.Primitive.NULL)) {
            return Optional.empty();
        }
        if (t1 instanceof DidType.Opt opt) {
            if (check(sub.with(opt.element()), supElement).isEmpty()) {
                return Optional.empty();
            }
        } else if (isPrimitive(t1, IdlType.Primitive.RESERVED)) {
            return notSubtype(t1, sup); // null <: reserved, so neither opt rule applies
        } else if (!nullable(supElement) && check(sub, supElement).isEmpty()) {
            return Optional.empty();
        }
        warnings.add(method + where() + t1 + " <: " + sup + " only by the special opt rule: such values will read as null");
        return Optional.empty();
    }

    /** {@code null <: t}: t is null, reserved or an option. */
    private static boolean nullable(Side side) {
        DidType t = side.in().resolve(side.type());
        return t instanceof DidType.Opt || isPrimitive(t, IdlType.Primitive.NULL)
                || isPrimitive(t, IdlType.Primitive.RESERVED);
    }

    /**
     * Width and depth: every field of the supertype is in the subtype with a subtype, or may be absent because
     * {@code opt empty} is a subtype of its type (an {@code opt} or {@code reserved} field).
     */
    private Optional<String> record(Side sub, List<DidType.Field> fields1, Side sup, List<DidType.Field> fields2,
            String kind) {
        for (DidType.Field f2 : fields2) {
            String label = kind + " " + (kind.equals("field") ? f2.label() : Long.toString(f2.id() + 1));
            Optional<DidType.Field> f1 = fields1.stream().filter(f -> f.id() == f2.id()).findFirst();
            Optional<String> why;
            if (f1.isPresent()) {
                why = within(label, () -> check(sub.with(f1.get().type()), sup.with(f2.type())));
            } else if (check(sup.with(OPT_EMPTY), sup.with(f2.type())).isPresent()) {
                why = fail(label + " : " + f2.type() + " is required but missing, and it is not opt or reserved");
            } else {
                why = Optional.empty();
            }
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    /** Every case of the subtype is a case of the supertype, with a subtype. */
    private Optional<String> variant(Side sub, DidType.Variant v1, Side sup, DidType.Variant v2) {
        for (DidType.Field c1 : v1.cases()) {
            Optional<DidType.Field> c2 = v2.cases().stream().filter(c -> c.id() == c1.id()).findFirst();
            if (c2.isEmpty()) {
                return fail("variant case " + c1.label() + " is not in " + v2);
            }
            Optional<String> why = within("case " + c1.label(), () -> check(sub.with(c1.type()), sup.with(c2.get().type())));
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    /** Arguments as tuple records, contravariant; results covariant; annotations equal as sets. */
    private Optional<String> function(Side sub, DidType.Func f1, Side sup, DidType.Func f2) {
        if (!Set.copyOf(f1.annotations()).equals(Set.copyOf(f2.annotations()))) {
            return fail("annotations differ: " + describe(f1.annotations()) + " and " + describe(f2.annotations()));
        }
        Optional<String> why = record(sup, tuple(f2.args()), sub, tuple(f1.args()), "argument");
        return why.isPresent() ? why : record(sub, tuple(f1.results()), sup, tuple(f2.results()), "result");
    }

    private static List<DidType.Field> tuple(List<DidType> types) {
        List<DidType.Field> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fields.add(new DidType.Field(i, null, types.get(i)));
        }
        return fields;
    }

    private static String describe(List<String> annotations) {
        return annotations.isEmpty() ? "(update)" : String.join(" ", annotations);
    }

    private interface Check {
        Optional<String> run();
    }

    private Optional<String> within(String place, Check check) {
        context.addLast(place);
        try {
            return check.run();
        } finally {
            context.removeLast();
        }
    }

    private Optional<String> notSubtype(DidType t1, DidType t2) {
        return fail(t1 + " is not a subtype of " + t2);
    }

    private Optional<String> fail(String reason) {
        return Optional.of(where() + reason);
    }

    /** The path inside the types being compared, e.g. {@code argument 1: field owner: }. */
    private String where() {
        return context.isEmpty() ? "" : String.join(": ", context) + ": ";
    }

    private static boolean isPrimitive(DidType type, IdlType.Primitive primitive) {
        return type instanceof DidType.Prim p && p.primitive() == primitive;
    }
}
