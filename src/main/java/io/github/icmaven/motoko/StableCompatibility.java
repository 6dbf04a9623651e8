package io.github.icmaven.motoko;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Can a new Motoko module take over the stable variables of the old one? The common cases of {@code moc}'s
 * stable compatibility rules: each stable variable the old module keeps and the new one takes over must have a
 * new type the old one converts to (the same type; {@code Nat} to {@code Int}; anything to {@code Any};
 * {@code None} to anything; {@code Null} to an option; options, immutable arrays and tuples element by
 * element; objects that drop fields or change kept ones compatibly; variants that add tags or change kept
 * ones compatibly; {@code var} fields and mutable arrays only to an equivalent type; type names unfolded,
 * recursive ones coinductively). A dropped stable variable loses its data: a warning. Types it does not look
 * into (functions, async) must be written the same, else it says it could not check them.
 */
public final class StableCompatibility {
    private final StableSignature older;
    private final StableSignature newer;
    private final Set<List<MotokoType>> assumed = new HashSet<>();
    private final List<String> unchecked = new ArrayList<>();

    private StableCompatibility(StableSignature older, StableSignature newer) {
        this.older = older;
        this.newer = newer;
    }

    /** Errors (the upgrade would fail or corrupt state) and warnings (data lost, or not checked). */
    public record Verdict(List<String> errors, List<String> warnings) {
        public boolean compatible() {
            return errors.isEmpty();
        }
    }

    public static Verdict check(StableSignature older, StableSignature newer) {
        StableCompatibility checker = new StableCompatibility(older, newer);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (MotokoType.Field old : older.kept()) {
            Optional<MotokoType.Field> taken = newer.consumed().stream().filter(f -> f.name().equals(old.name())).findFirst();
            if (taken.isEmpty()) {
                warnings.add("stable variable " + old.name() + " : " + old.type() + " is dropped by the new module: "
                        + "its data is lost");
                continue;
            }
            checker.unchecked.clear();
            Optional<String> why = checker.convert(old.type(), taken.get().type());
            why.ifPresent(reason -> errors.add("stable variable " + old.name() + " cannot change from " + old.type()
                    + " to " + taken.get().type() + ": " + reason));
            if (why.isEmpty()) {
                checker.unchecked.forEach(u -> warnings.add("stable variable " + old.name() + ": " + u));
            }
        }
        return new Verdict(List.copyOf(errors), List.copyOf(warnings));
    }

    /** Empty when a value of {@code from} (old module) converts to {@code to} (new module), else why not. */
    private Optional<String> convert(MotokoType from, MotokoType to) {
        if (from instanceof MotokoType.Con || to instanceof MotokoType.Con) {
            if (!assumed.add(List.of(from, to))) {
                return Optional.empty();
            }
            MotokoType fromBody = from instanceof MotokoType.Con con ? older.expand(con) : from;
            MotokoType toBody = to instanceof MotokoType.Con con ? newer.expand(con) : to;
            if (fromBody == null || toBody == null) {
                assumed.remove(List.of(from, to));
                return from.toString().equals(to.toString()) ? Optional.empty()
                        : Optional.of("type " + (fromBody == null ? from : to) + " is not defined in the section");
            }
            Optional<String> why = convert(fromBody, toBody);
            if (why.isPresent()) {
                assumed.remove(List.of(from, to));
            }
            return why;
        }
        // Names inside equal-looking types may mean different types in the two modules: compare structurally.
        if ((from instanceof MotokoType.Prim && from.equals(to)) || isPrim(to, "Any") || isPrim(from, "None")) {
            return Optional.empty();
        }
        if (isPrim(from, "Nat") && isPrim(to, "Int")) {
            return Optional.empty();
        }
        if (to instanceof MotokoType.Option toOption) {
            if (isPrim(from, "Null")) {
                return Optional.empty();
            }
            if (from instanceof MotokoType.Option fromOption) {
                return convert(fromOption.element(), toOption.element());
            }
        }
        if (from instanceof MotokoType.Array a && to instanceof MotokoType.Array b && a.mutable() == b.mutable()) {
            return a.mutable() ? equivalent(a.element(), b.element()) : convert(a.element(), b.element());
        }
        if (from instanceof MotokoType.Tuple a && to instanceof MotokoType.Tuple b
                && a.elements().size() == b.elements().size()) {
            for (int i = 0; i < a.elements().size(); i++) {
                Optional<String> why = convert(a.elements().get(i), b.elements().get(i));
                if (why.isPresent()) {
                    return why;
                }
            }
            return Optional.empty();
        }
        if (from instanceof MotokoType.Obj a && to instanceof MotokoType.Obj b && a.sort().equals(b.sort())) {
            return fields(a.fields(), b.fields());
        }
        if (from instanceof MotokoType.Variant a && to instanceof MotokoType.Variant b) {
            return variant(a, b);
        }
        if (from instanceof MotokoType.Opaque || to instanceof MotokoType.Opaque) {
            if (from.equals(to)) {
                return Optional.empty();
            }
            unchecked.add(from + " and " + to + " were not compared (function types are not checked)");
            return Optional.empty();
        }
        return Optional.of(from + " does not convert to " + to);
    }

    /** Every field the new object has must be in the old one, converting; fields only in the old one are dropped. */
    private Optional<String> fields(List<MotokoType.Field> old, List<MotokoType.Field> kept) {
        for (MotokoType.Field field : kept) {
            Optional<MotokoType.Field> before = old.stream().filter(f -> f.name().equals(field.name())).findFirst();
            if (before.isEmpty()) {
                return Optional.of("field " + field.name() + " is new: old values do not have it");
            }
            Optional<String> why = before.get().mutable() != field.mutable()
                    ? Optional.of("field " + field.name() + " changed between var and immutable")
                    : field.mutable() ? equivalent(before.get().type(), field.type())
                    : convert(before.get().type(), field.type());
            if (why.isPresent()) {
                return why.map(reason -> "field " + field.name() + ": " + reason);
            }
        }
        return Optional.empty();
    }

    /** Every tag the old variant has must be in the new one, converting; the new one may add tags. */
    private Optional<String> variant(MotokoType.Variant from, MotokoType.Variant to) {
        for (MotokoType.Field tag : from.tags()) {
            Optional<MotokoType.Field> after = to.tags().stream().filter(t -> t.name().equals(tag.name())).findFirst();
            if (after.isEmpty()) {
                return Optional.of("tag #" + tag.name() + " is gone: old values may carry it");
            }
            Optional<String> why = convert(tag.type(), after.get().type());
            if (why.isPresent()) {
                return why.map(reason -> "tag #" + tag.name() + ": " + reason);
            }
        }
        return Optional.empty();
    }

    /** Mutable places (var fields, mutable arrays) keep their type: both directions must convert. */
    private Optional<String> equivalent(MotokoType a, MotokoType b) {
        Optional<String> forward = convert(a, b);
        if (forward.isPresent()) {
            return forward;
        }
        return convert(b, a).isPresent() ? Optional.of("a mutable " + a + " cannot become " + b) : Optional.empty();
    }

    private static boolean isPrim(MotokoType type, String name) {
        return type instanceof MotokoType.Prim prim && prim.name().equals(name);
    }
}
