package io.github.icmaven.replica.conformance;

import static io.github.icmaven.replica.conformance.Ic4jCandid.BLOB;
import static io.github.icmaven.replica.conformance.Ic4jCandid.BOOL;
import static io.github.icmaven.replica.conformance.Ic4jCandid.FLOAT32;
import static io.github.icmaven.replica.conformance.Ic4jCandid.FLOAT64;
import static io.github.icmaven.replica.conformance.Ic4jCandid.INT32;
import static io.github.icmaven.replica.conformance.Ic4jCandid.INT64;
import static io.github.icmaven.replica.conformance.Ic4jCandid.NAT;
import static io.github.icmaven.replica.conformance.Ic4jCandid.NAT64;
import static io.github.icmaven.replica.conformance.Ic4jCandid.NULL;
import static io.github.icmaven.replica.conformance.Ic4jCandid.PRINCIPAL;
import static io.github.icmaven.replica.conformance.Ic4jCandid.asBlob;
import static io.github.icmaven.replica.conformance.Ic4jCandid.asNat;
import static io.github.icmaven.replica.conformance.Ic4jCandid.asNat64;
import static io.github.icmaven.replica.conformance.Ic4jCandid.asOpt;
import static io.github.icmaven.replica.conformance.Ic4jCandid.asPrincipal;
import static io.github.icmaven.replica.conformance.Ic4jCandid.asVec;
import static io.github.icmaven.replica.conformance.Ic4jCandid.decodeOne;
import static io.github.icmaven.replica.conformance.Ic4jCandid.enumType;
import static io.github.icmaven.replica.conformance.Ic4jCandid.field;
import static io.github.icmaven.replica.conformance.Ic4jCandid.opt;
import static io.github.icmaven.replica.conformance.Ic4jCandid.rec;
import static io.github.icmaven.replica.conformance.Ic4jCandid.variantCase;
import static io.github.icmaven.replica.conformance.Ic4jCandid.variantPayload;
import static io.github.icmaven.replica.conformance.Ic4jCandid.variantType;
import static io.github.icmaven.replica.conformance.Ic4jCandid.variantValue;
import static io.github.icmaven.replica.conformance.Ic4jCandid.vec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ic4j.candid.parser.IDLType;
import org.ic4j.candid.types.Label;
import org.ic4j.types.Principal;

/** Arguments and replies of the management canister (ic.did of interface spec 0.66.0), through ic4j-candid. */
final class Management {
    private Management() {}

    static final Principal ID = Principal.fromString("aaaaa-aa");

    // ---------------------------------------------------------------- arguments

    /** {@code provisional_create_canister_with_cycles}; {@code controllers} null leaves settings absent. */
    static byte[] provisionalCreateArgs(BigInteger amount, List<Principal> controllers) {
        Optional<Object> settings = Optional.empty();
        Ic4jCandid.Rec settingsRec = rec().put("controllers", opt(vec(PRINCIPAL)),
                controllers == null ? Optional.empty() : Optional.of(controllers.toArray(new Principal[0])));
        if (controllers != null) {
            settings = Optional.of(settingsRec.value());
        }
        return Ic4jCandid.encode(rec()
                .put("amount", opt(NAT), Optional.ofNullable(amount))
                .put("settings", opt(settingsRec.type()), settings)
                .put("specified_id", opt(PRINCIPAL), Optional.empty())
                .put("sender_canister_version", opt(NAT64), Optional.empty())
                .idl());
    }

    /** {@code record { canister_id }}: canister_status, start_canister, stop_canister, list_canister_snapshots. */
    static byte[] canisterIdArg(Principal canister) {
        return Ic4jCandid.encode(rec().put("canister_id", PRINCIPAL, canister).idl());
    }

    enum Mode { INSTALL, REINSTALL, UPGRADE, UPGRADE_WITH_EMPTY_OPTIONS }

    static byte[] installCodeArgs(Mode mode, Principal canister, byte[] wasm, byte[] arg) {
        IDLType upgradeOptions = rec()
                .put("skip_pre_upgrade", opt(BOOL), Optional.empty())
                .put("wasm_memory_persistence", opt(enumType("keep", "replace")), Optional.empty())
                .type();
        IDLType modeType;
        Map<Label, Object> modeValue;
        switch (mode) {
            case INSTALL -> {
                modeType = variantType("install", NULL);
                modeValue = variantValue("install", null);
            }
            case REINSTALL -> {
                modeType = variantType("reinstall", NULL);
                modeValue = variantValue("reinstall", null);
            }
            case UPGRADE -> {
                modeType = variantType("upgrade", opt(upgradeOptions));
                modeValue = variantValue("upgrade", Optional.empty());
            }
            case UPGRADE_WITH_EMPTY_OPTIONS -> {
                Ic4jCandid.Rec options = rec()
                        .put("skip_pre_upgrade", opt(BOOL), Optional.of(Boolean.FALSE))
                        .put("wasm_memory_persistence", opt(enumType("keep", "replace")), Optional.empty());
                modeType = variantType("upgrade", opt(options.type()));
                modeValue = variantValue("upgrade", Optional.of(options.value()));
            }
            default -> throw new IllegalArgumentException(mode.toString());
        }
        return Ic4jCandid.encode(rec()
                .put("mode", modeType, modeValue)
                .put("canister_id", PRINCIPAL, canister)
                .put("wasm_module", BLOB, wasm)
                .put("arg", BLOB, arg)
                .put("sender_canister_version", opt(NAT64), Optional.empty())
                .idl());
    }

    static byte[] takeSnapshotArgs(Principal canister, byte[] replaceSnapshot) {
        return Ic4jCandid.encode(rec()
                .put("canister_id", PRINCIPAL, canister)
                .put("replace_snapshot", opt(BLOB), Optional.ofNullable(replaceSnapshot))
                .put("uninstall_code", opt(BOOL), Optional.empty())
                .put("sender_canister_version", opt(NAT64), Optional.empty())
                .idl());
    }

    static byte[] loadSnapshotArgs(Principal canister, byte[] snapshotId) {
        return Ic4jCandid.encode(rec()
                .put("canister_id", PRINCIPAL, canister)
                .put("snapshot_id", BLOB, snapshotId)
                .put("sender_canister_version", opt(NAT64), Optional.empty())
                .idl());
    }

    /** {@code record { canister_id; snapshot_id }}: delete_canister_snapshot, read_canister_snapshot_metadata. */
    static byte[] snapshotArgs(Principal canister, byte[] snapshotId) {
        return Ic4jCandid.encode(rec()
                .put("canister_id", PRINCIPAL, canister)
                .put("snapshot_id", BLOB, snapshotId)
                .idl());
    }

    /** The byte-range kinds of snapshot data. */
    enum DataKind {
        WASM_MODULE("wasm_module"), WASM_MEMORY("wasm_memory"), STABLE_MEMORY("stable_memory");

        final String candidName;

        DataKind(String candidName) {
            this.candidName = candidName;
        }
    }

    static byte[] readSnapshotDataArgs(Principal canister, byte[] snapshotId, DataKind kind, long offset, long size) {
        Ic4jCandid.Rec range = rec().put("offset", NAT64, offset).put("size", NAT64, size);
        return Ic4jCandid.encode(rec()
                .put("canister_id", PRINCIPAL, canister)
                .put("snapshot_id", BLOB, snapshotId)
                .put("kind", variantType(kind.candidName, range.type()), variantValue(kind.candidName, range.value()))
                .idl());
    }

    static byte[] uploadSnapshotDataArgs(Principal canister, byte[] snapshotId, DataKind kind, long offset, byte[] chunk) {
        Ic4jCandid.Rec at = rec().put("offset", NAT64, offset);
        return Ic4jCandid.encode(rec()
                .put("canister_id", PRINCIPAL, canister)
                .put("snapshot_id", BLOB, snapshotId)
                .put("kind", variantType(kind.candidName, at.type()), variantValue(kind.candidName, at.value()))
                .put("chunk", BLOB, chunk)
                .idl());
    }

    /** {@code upload_canister_snapshot_metadata} with the metadata as read from another snapshot. */
    static byte[] uploadSnapshotMetadataArgs(Principal canister, SnapshotMetadata m) {
        return Ic4jCandid.encode(rec()
                .put("canister_id", PRINCIPAL, canister)
                .put("replace_snapshot", opt(BLOB), Optional.empty())
                .put("wasm_module_size", NAT64, m.wasmModuleSize())
                .put("globals", globalsType(m.globals()), globalsValue(m.globals()))
                .put("wasm_memory_size", NAT64, m.wasmMemorySize())
                .put("stable_memory_size", NAT64, m.stableMemorySize())
                .put("certified_data", BLOB, m.certifiedData())
                .put("global_timer", optVariantType(m.globalTimer(), "inactive", NULL), optVariantValue(m.globalTimer()))
                .put("on_low_wasm_memory_hook_status",
                        optVariantType(m.onLowWasmMemoryHookStatus(), "condition_not_satisfied", NULL),
                        optVariantValue(m.onLowWasmMemoryHookStatus()))
                .idl());
    }

    /** A global of a snapshot: its variant case ({@code i32}, {@code i64}, ...) and value. */
    record Global(String kind, Object value) {
        IDLType candidType() {
            return switch (kind) {
                case "i32" -> INT32;
                case "i64" -> INT64;
                case "f32" -> FLOAT32;
                case "f64" -> FLOAT64;
                case "v128" -> NAT;
                default -> throw new IllegalStateException(kind);
            };
        }
    }

    /** A decoded {@code opt variant} value: empty, or the case name and its payload (null for a null case). */
    record OptVariant(Optional<String> caseName, Object payload) {
        static final OptVariant NONE = new OptVariant(Optional.empty(), null);
    }

    private static IDLType globalsType(List<Global> globals) {
        if (globals.isEmpty()) {
            return vec(variantType("i32", INT32));
        }
        String kind = globals.get(0).kind();
        for (Global g : globals) {
            if (!g.kind().equals(kind)) {
                // ic4j types every element of a vec alike and writes variant case index 0, so a vec mixing
                // variant cases cannot be encoded with it.
                throw new AssertionError("ic4j-candid 0.7.2 cannot encode globals of mixed kinds: " + globals);
            }
        }
        return vec(variantType(kind, globals.get(0).candidType()));
    }

    private static Object[] globalsValue(List<Global> globals) {
        Object[] out = new Object[globals.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = variantValue(globals.get(i).kind(), globals.get(i).value());
        }
        return out;
    }

    private static IDLType optVariantType(OptVariant v, String defaultCase, IDLType defaultType) {
        if (v.caseName().isEmpty()) {
            return opt(variantType(defaultCase, defaultType));
        }
        String name = v.caseName().get();
        return opt(variantType(name, name.equals("active") ? NAT64 : NULL));
    }

    private static Optional<Object> optVariantValue(OptVariant v) {
        return v.caseName().map(name -> variantValue(name, v.payload()));
    }

    // ---------------------------------------------------------------- replies

    static Principal decodeCreateResult(byte[] reply) {
        return asPrincipal(field(decodeOne(reply), "canister_id"));
    }

    record CanisterStatus(String status, List<Principal> controllers, Optional<byte[]> moduleHash, long version,
                          BigInteger cycles, BigInteger memorySize) {}

    static CanisterStatus decodeCanisterStatus(byte[] reply) {
        Object r = decodeOne(reply);
        String status = variantCase(field(r, "status"), "running", "stopping", "stopped");
        Object settings = field(r, "settings");
        List<Principal> controllers = new ArrayList<>();
        for (Object c : asVec(field(settings, "controllers"))) {
            controllers.add(asPrincipal(c));
        }
        Optional<byte[]> moduleHash = asOpt(field(r, "module_hash")).map(Ic4jCandid::asBlob);
        return new CanisterStatus(status, controllers, moduleHash, asNat64(field(r, "version")),
                asNat(field(r, "cycles")), asNat(field(r, "memory_size")));
    }

    record Snapshot(byte[] id, long takenAtTimestamp, long totalSize) {}

    static Snapshot decodeSnapshot(Object record) {
        return new Snapshot(asBlob(field(record, "id")), asNat64(field(record, "taken_at_timestamp")),
                asNat64(field(record, "total_size")));
    }

    static Snapshot decodeTakeSnapshotResult(byte[] reply) {
        return decodeSnapshot(decodeOne(reply));
    }

    static List<Snapshot> decodeListSnapshotsResult(byte[] reply) {
        List<Snapshot> out = new ArrayList<>();
        for (Object s : asVec(decodeOne(reply))) {
            out.add(decodeSnapshot(s));
        }
        return out;
    }

    record SnapshotMetadata(String source, long takenAtTimestamp, long wasmModuleSize, List<Global> globals,
                            long wasmMemorySize, long stableMemorySize, List<byte[]> wasmChunkHashes,
                            long canisterVersion, byte[] certifiedData, OptVariant globalTimer,
                            OptVariant onLowWasmMemoryHookStatus) {}

    static SnapshotMetadata decodeSnapshotMetadata(byte[] reply) {
        Object r = decodeOne(reply);
        String source = variantCase(field(r, "source"), "taken_from_canister", "metadata_upload");
        List<Global> globals = new ArrayList<>();
        for (Object g : asVec(field(r, "globals"))) {
            globals.add(new Global(variantCase(g, "i32", "i64", "f32", "f64", "v128"), variantPayload(g)));
        }
        List<byte[]> chunkHashes = new ArrayList<>();
        for (Object c : asVec(field(r, "wasm_chunk_store"))) {
            chunkHashes.add(asBlob(field(c, "hash")));
        }
        return new SnapshotMetadata(source,
                asNat64(field(r, "taken_at_timestamp")),
                asNat64(field(r, "wasm_module_size")),
                globals,
                asNat64(field(r, "wasm_memory_size")),
                asNat64(field(r, "stable_memory_size")),
                chunkHashes,
                asNat64(field(r, "canister_version")),
                asBlob(field(r, "certified_data")),
                optVariant(field(r, "global_timer"), "inactive", "active"),
                optVariant(field(r, "on_low_wasm_memory_hook_status"), "condition_not_satisfied", "ready", "executed"));
    }

    private static OptVariant optVariant(Object value, String... cases) {
        Optional<?> o = asOpt(value);
        if (o.isEmpty()) {
            return OptVariant.NONE;
        }
        return new OptVariant(Optional.of(variantCase(o.get(), cases)), variantPayload(o.get()));
    }

    static byte[] decodeSnapshotDataChunk(byte[] reply) {
        return asBlob(field(decodeOne(reply), "chunk"));
    }

    static byte[] decodeUploadMetadataResult(byte[] reply) {
        return asBlob(field(decodeOne(reply), "snapshot_id"));
    }
}
