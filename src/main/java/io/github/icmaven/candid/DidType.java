package io.github.icmaven.candid;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A type as written in a Candid interface file, before names are resolved: a type name stays a
 * {@link Named} reference, so recursive types ({@code type List = opt record { nat; List }}) can be
 * represented, as {@link CandidSubtyping} needs. {@link TextParser} produces these, from .did files and from
 * type annotations in Candid text; {@link DidTypeResolver} turns them into {@link IdlType}s.
 */
public sealed interface DidType permits DidType.Prim, DidType.Named, DidType.Opt, DidType.Vec, DidType.Record,
        DidType.Variant, DidType.Func, DidType.Service {

    /** A primitive type, e.g. {@code nat}, {@code reserved}, {@code principal}. */
    record Prim(IdlType.Primitive primitive) implements DidType {
        @Override
        public String toString() {
            return primitive.keyword();
        }
    }

    /** A reference to a type defined in the same interface ({@code type <name> = ...}). */
    record Named(String name) implements DidType {
        @Override
        public String toString() {
            return name;
        }
    }

    record Opt(DidType element) implements DidType {
        @Override
        public String toString() {
            return "opt " + element;
        }
    }

    record Vec(DidType element) implements DidType {
        @Override
        public String toString() {
            return element instanceof Prim p && p.primitive() == IdlType.Primitive.NAT8 ? "blob" : "vec " + element;
        }
    }

    /** A record or variant field: its id (the hash of its name, or its number) and the name when it has one. */
    record Field(long id, String name, DidType type) {
        public String label() {
            return name != null ? name : Long.toString(id);
        }

        @Override
        public String toString() {
            return IdlText.fieldLabel(id, name) + " : " + type;
        }
    }

    record Record(List<Field> fields) implements DidType {
        public Record {
            fields = List.copyOf(fields);
        }

        @Override
        public String toString() {
            return "record " + fieldsText(fields);
        }
    }

    record Variant(List<Field> cases) implements DidType {
        public Variant {
            cases = List.copyOf(cases);
        }

        @Override
        public String toString() {
            return "variant " + fieldsText(cases);
        }
    }

    /** {@code func (args) -> (results) annotations}. */
    record Func(List<DidType> args, List<DidType> results, List<String> annotations) implements DidType {
        public Func {
            args = List.copyOf(args);
            results = List.copyOf(results);
            annotations = List.copyOf(annotations);
        }

        @Override
        public String toString() {
            return "(" + join(args) + ") -> (" + join(results) + ")"
                    + annotations.stream().map(a -> " " + a).collect(Collectors.joining());
        }

        private static String join(List<DidType> types) {
            return types.stream().map(Object::toString).collect(Collectors.joining(", "));
        }
    }

    /** {@code service { name : func; ... }}; the method types are {@link Func}s or names of func types. */
    record Service(Map<String, DidType> methods) implements DidType {
        public Service {
            methods = Map.copyOf(methods);
        }

        @Override
        public String toString() {
            return "service {" + methods.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(m -> " " + IdlText.name(m.getKey()) + " : " + m.getValue() + ";").collect(Collectors.joining())
                    + " }";
        }
    }

    private static String fieldsText(List<Field> fields) {
        return "{" + fields.stream().map(f -> " " + f + ";").collect(Collectors.joining()) + " }";
    }
}
