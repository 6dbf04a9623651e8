package io.github.icmaven.candid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed types ({@link DidType}) into {@link IdlType}s, following names through the given definitions
 * (none for a type written in Candid text). An {@link IdlType} cannot refer to itself, so a name that leads back
 * to itself is refused; {@link CandidInterface} keeps such types unresolved instead.
 */
final class DidTypeResolver {
    private final Map<String, DidType> definitions;
    private final Map<String, IdlType> resolved = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();

    DidTypeResolver(Map<String, DidType> definitions) {
        this.definitions = definitions;
    }

    /** The type a name stands for. @throws CandidException for an undefined or recursive name */
    IdlType resolve(String name) {
        IdlType done = resolved.get(name);
        if (done != null) {
            return done;
        }
        DidType definition = definitions.get(name);
        if (definition == null) {
            throw new CandidException("unknown type '" + name + "'");
        }
        if (!resolving.add(name)) {
            throw new CandidException("recursive type '" + name + "' is not supported");
        }
        IdlType type = resolve(definition);
        resolving.remove(name);
        resolved.put(name, type);
        return type;
    }

    IdlType resolve(DidType type) {
        if (type instanceof DidType.Prim p) {
            return p.primitive();
        } else if (type instanceof DidType.Named n) {
            return resolve(n.name());
        } else if (type instanceof DidType.Opt o) {
            return IdlType.opt(resolve(o.element()));
        } else if (type instanceof DidType.Vec v) {
            return IdlType.vec(resolve(v.element()));
        } else if (type instanceof DidType.Record r) {
            return new IdlType.Record(fields(r.fields()));
        } else if (type instanceof DidType.Variant v) {
            return new IdlType.Variant(fields(v.cases()));
        } else if (type instanceof DidType.Func f) {
            return new IdlType.Func(f.args().stream().map(this::resolve).toList(),
                    f.results().stream().map(this::resolve).toList(), f.annotations());
        }
        Map<String, IdlType.Func> methods = new HashMap<>();
        ((DidType.Service) type).methods().forEach((name, method) -> {
            if (!(resolve(method) instanceof IdlType.Func func)) {
                throw new CandidException("method '" + name + "' has type " + method + ", which is not a func type");
            }
            methods.put(name, func);
        });
        return new IdlType.Service(methods);
    }

    private List<IdlType.Field> fields(List<DidType.Field> fields) {
        List<IdlType.Field> result = new ArrayList<>(fields.size());
        fields.forEach(f -> result.add(new IdlType.Field(f.id(), f.name(), resolve(f.type()))));
        return result;
    }
}
