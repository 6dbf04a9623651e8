package io.github.icmaven.core.backup;

import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.core.ic.SnapshotMetadata;
import io.github.icmaven.core.json.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code metadata.json} as icp-cli writes and reads it: serde_json of ic-management-canister-types'
 * {@code ReadCanisterSnapshotMetadataResult}. Blobs (hashes, certified data) are arrays of byte numbers,
 * unit variants are strings ({@code "inactive"}), other variants one-field objects ({@code {"i32": 5}},
 * {@code {"active": 1700000000000000000}}, {@code {"taken_from_canister": null}}), absent options
 * {@code null}, timestamps nanoseconds since the epoch.
 */
final class SnapshotMetadataJson {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private SnapshotMetadataJson() {}

    static String write(SnapshotMetadata metadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", single(metadata.source(), null));
        json.put("taken_at_timestamp", BigInteger.valueOf(metadata.takenAt().getEpochSecond()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(metadata.takenAt().getNano())));
        json.put("wasm_module_size", metadata.wasmModuleSize());
        json.put("globals", metadata.globals().stream().map(SnapshotMetadataJson::globalToJson).toList());
        json.put("wasm_memory_size", metadata.wasmMemorySize());
        json.put("stable_memory_size", metadata.stableMemorySize());
        List<Object> chunks = new ArrayList<>();
        for (byte[] hash : metadata.wasmChunkStore()) {
            chunks.add(single("hash", bytesToJson(hash)));
        }
        json.put("wasm_chunk_store", chunks);
        json.put("canister_version", metadata.canisterVersion());
        json.put("certified_data", bytesToJson(metadata.certifiedData()));
        json.put("global_timer", metadata.globalTimer().map(SnapshotMetadataJson::variantToJson).orElse(null));
        json.put("on_low_wasm_memory_hook_status",
                metadata.onLowWasmMemoryHookStatus().map(SnapshotMetadataJson::variantToJson).orElse(null));
        return Json.write(json);
    }

    /** @throws IllegalArgumentException naming the field that does not fit */
    static SnapshotMetadata read(String text) {
        if (!(Json.parseExact(text) instanceof Map<?, ?> json)) {
            throw new IllegalArgumentException("metadata.json is not a JSON object");
        }
        Object source = json.get("source");
        String sourceName = source instanceof Map<?, ?> m && m.size() == 1 ? String.valueOf(m.keySet().iterator().next())
                : source instanceof String s ? s : "metadata_upload";
        BigInteger[] secondsAndNanos = integer(json, "taken_at_timestamp").divideAndRemainder(NANOS_PER_SECOND);
        List<IdlValue> globals = new ArrayList<>();
        for (Object g : list(json, "globals")) {
            globals.add(globalFromJson(g));
        }
        List<byte[]> chunks = new ArrayList<>();
        for (Object c : list(json, "wasm_chunk_store")) {
            if (!(c instanceof Map<?, ?> chunk)) {
                throw new IllegalArgumentException("metadata.json: wasm_chunk_store entries must be {\"hash\": [...]}");
            }
            chunks.add(bytesFromJson(chunk.get("hash"), "wasm_chunk_store hash"));
        }
        return new SnapshotMetadata(sourceName,
                Instant.ofEpochSecond(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue()),
                integer(json, "wasm_module_size").longValueExact(),
                globals,
                integer(json, "wasm_memory_size").longValueExact(),
                integer(json, "stable_memory_size").longValueExact(),
                chunks,
                json.get("canister_version") == null ? 0 : integer(json, "canister_version").longValueExact(),
                bytesFromJson(json.get("certified_data"), "certified_data"),
                Optional.ofNullable(json.get("global_timer")).map(SnapshotMetadataJson::timerFromJson),
                Optional.ofNullable(json.get("on_low_wasm_memory_hook_status")).map(SnapshotMetadataJson::hookFromJson));
    }

    private static Object globalToJson(IdlValue global) {
        IdlValue.Variant v = global.asVariant();
        IdlValue value = v.value();
        Object number;
        if (v.is("f32") || v.is("f64")) {
            double d = value.asDouble();
            // serde_json writes non-finite floats as null; icp-cli then refuses the file, and so do we.
            number = Double.isFinite(d) ? (v.is("f32") ? (Object) Float.valueOf((float) d) : (Object) Double.valueOf(d)) : null;
        } else {
            number = value.asInteger();
        }
        return single(tag(v), number);
    }

    private static IdlValue globalFromJson(Object json) {
        if (!(json instanceof Map<?, ?> m) || m.size() != 1) {
            throw new IllegalArgumentException("metadata.json: a global must be {\"i32\"|\"i64\"|\"f32\"|\"f64\"|\"v128\": n}, got " + json);
        }
        String kind = String.valueOf(m.keySet().iterator().next());
        Object n = m.values().iterator().next();
        if (!(n instanceof Number) && !(n instanceof String)) {
            throw new IllegalArgumentException("metadata.json: global " + kind + " has no numeric value: " + n);
        }
        BigDecimal number = new BigDecimal(n.toString());
        return switch (kind) {
            case "i32" -> IdlValue.variant("i32", IdlValue.int32(number.intValueExact()));
            case "i64" -> IdlValue.variant("i64", IdlValue.int64(number.longValueExact()));
            case "f32" -> IdlValue.variant("f32", IdlValue.float32(number.floatValue()));
            case "f64" -> IdlValue.variant("f64", IdlValue.float64(number.doubleValue()));
            case "v128" -> IdlValue.variant("v128", IdlValue.nat(number.toBigIntegerExact()));
            default -> throw new IllegalArgumentException("metadata.json: unknown global kind " + kind);
        };
    }

    /** Unit cases as strings, cases with a value as one-field objects (serde's external tagging). */
    private static Object variantToJson(IdlValue value) {
        IdlValue.Variant v = value.asVariant();
        if (v.value() instanceof IdlValue.Null) {
            return tag(v);
        }
        return single(tag(v), v.value().asNat());
    }

    private static IdlValue timerFromJson(Object json) {
        if ("inactive".equals(json)) {
            return IdlValue.variant("inactive");
        }
        if (json instanceof Map<?, ?> m && m.get("active") instanceof BigInteger at) {
            return IdlValue.variant("active", IdlValue.nat64(at.longValue()));
        }
        throw new IllegalArgumentException("metadata.json: global_timer must be \"inactive\" or {\"active\": n}, got " + json);
    }

    private static IdlValue hookFromJson(Object json) {
        if (json instanceof String s && List.of("condition_not_satisfied", "ready", "executed").contains(s)) {
            return IdlValue.variant(s);
        }
        throw new IllegalArgumentException("metadata.json: unknown on_low_wasm_memory_hook_status " + json);
    }

    private static String tag(IdlValue.Variant v) {
        for (String known : List.of("i32", "i64", "f32", "f64", "v128", "inactive", "active",
                "condition_not_satisfied", "ready", "executed")) {
            if (v.is(known)) {
                return known;
            }
        }
        return v.tag();
    }

    private static List<Object> bytesToJson(byte[] bytes) {
        List<Object> numbers = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            numbers.add(b & 0xff);
        }
        return numbers;
    }

    private static byte[] bytesFromJson(Object json, String field) {
        if (json == null) {
            return new byte[0];
        }
        if (!(json instanceof List<?> list)) {
            throw new IllegalArgumentException("metadata.json: " + field + " must be an array of bytes");
        }
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            if (!(list.get(i) instanceof BigInteger b) || b.signum() < 0 || b.bitLength() > 8) {
                throw new IllegalArgumentException("metadata.json: " + field + "[" + i + "] is not a byte");
            }
            bytes[i] = (byte) b.intValue();
        }
        return bytes;
    }

    private static BigInteger integer(Map<?, ?> json, String field) {
        if (json.get(field) instanceof BigInteger n && n.signum() >= 0) {
            return n;
        }
        throw new IllegalArgumentException("metadata.json: " + field + " must be a non-negative integer, got " + json.get(field));
    }

    private static List<?> list(Map<?, ?> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("metadata.json: " + field + " must be an array");
    }

    /** A one-field object; unlike Map.of it allows a null (JSON null) value. */
    private static Map<String, Object> single(String name, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, value);
        return map;
    }
}
