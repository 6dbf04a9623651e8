package io.github.icmaven.motoko;

import java.util.List;
import java.util.stream.Collectors;

/** A Motoko type as {@code moc} prints it in a module's {@code motoko:stable-types} section. */
sealed interface MotokoType permits MotokoType.Prim, MotokoType.Option, MotokoType.Array, MotokoType.Tuple,
        MotokoType.Obj, MotokoType.Variant, MotokoType.Con, MotokoType.Opaque {

    /** {@code Nat}, {@code Text}, {@code Any}, {@code None}, ... */
    record Prim(String name) implements MotokoType {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code ?T}. */
    record Option(MotokoType element) implements MotokoType {
        @Override
        public String toString() {
            return "?" + element;
        }
    }

    /** {@code [T]} or {@code [var T]}. */
    record Array(MotokoType element, boolean mutable) implements MotokoType {
        @Override
        public String toString() {
            return "[" + (mutable ? "var " : "") + element + "]";
        }
    }

    /** {@code (T1, T2)}; {@code ()} is the unit type. */
    record Tuple(List<MotokoType> elements) implements MotokoType {
        @Override
        public String toString() {
            return elements.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** A field of an object: {@code name : T} or {@code var name : T}. */
    record Field(String name, MotokoType type, boolean mutable) {
        @Override
        public String toString() {
            return (mutable ? "var " : "") + name + " : " + type;
        }
    }

    /** {@code {a : T; var b : U}}, or with a sort keyword ({@code actor}, {@code module}, {@code object}). */
    record Obj(String sort, List<Field> fields) implements MotokoType {
        @Override
        public String toString() {
            return (sort.isEmpty() ? "" : sort + " ") + fields.stream().map(Object::toString)
                    .collect(Collectors.joining("; ", "{", "}"));
        }
    }

    /** {@code {#a : T; #b}}. */
    record Variant(List<Field> tags) implements MotokoType {
        @Override
        public String toString() {
            return tags.isEmpty() ? "{#}" : tags.stream().map(t -> "#" + t.name() + (isUnit(t.type()) ? "" : " : " + t.type()))
                    .collect(Collectors.joining("; ", "{", "}"));
        }

        private static boolean isUnit(MotokoType type) {
            return type instanceof Tuple tuple && tuple.elements().isEmpty();
        }
    }

    /** A type name, possibly applied: {@code List<Nat>}. */
    record Con(String name, List<MotokoType> args) implements MotokoType {
        @Override
        public String toString() {
            return args.isEmpty() ? name : name + args.stream().map(Object::toString).collect(Collectors.joining(", ", "<", ">"));
        }
    }

    /** A type this check does not look into (functions, async, generic functions): kept as its text. */
    record Opaque(String text) implements MotokoType {
        @Override
        public String toString() {
            return text;
        }
    }
}
