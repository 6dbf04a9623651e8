package io.github.icmaven.core.ic;

import io.github.icmaven.candid.IdlType;

import static io.github.icmaven.candid.IdlType.BLOB;
import static io.github.icmaven.candid.IdlType.BOOL;
import static io.github.icmaven.candid.IdlType.FLOAT32;
import static io.github.icmaven.candid.IdlType.FLOAT64;
import static io.github.icmaven.candid.IdlType.INT32;
import static io.github.icmaven.candid.IdlType.INT64;
import static io.github.icmaven.candid.IdlType.NAT;
import static io.github.icmaven.candid.IdlType.NAT64;
import static io.github.icmaven.candid.IdlType.PRINCIPAL;
import static io.github.icmaven.candid.IdlType.RESERVED;
import static io.github.icmaven.candid.IdlType.enumeration;
import static io.github.icmaven.candid.IdlType.field;
import static io.github.icmaven.candid.IdlType.opt;
import static io.github.icmaven.candid.IdlType.record;
import static io.github.icmaven.candid.IdlType.variant;
import static io.github.icmaven.candid.IdlType.vec;

/**
 * The Candid types of the management canister calls this client makes, transcribed from the interface
 * spec's {@code ic.did}. Result types list only the fields the client reads (Candid subtyping lets the
 * replica send more).
 */
final class ManagementTypes {
    private ManagementTypes() {}

    static final IdlType.Record CANISTER_ID_ARGS = record(field("canister_id", PRINCIPAL));

    static final IdlType.Variant WASM_MEMORY_PERSISTENCE = enumeration("keep", "replace");

    static final IdlType.Variant CANISTER_INSTALL_MODE = variant(
            field("install", IdlType.NULL),
            field("reinstall", IdlType.NULL),
            field("upgrade", opt(record(
                    field("skip_pre_upgrade", opt(BOOL)),
                    field("wasm_memory_persistence", opt(WASM_MEMORY_PERSISTENCE))))));

    static final IdlType.Record INSTALL_CODE_ARGS = record(
            field("mode", CANISTER_INSTALL_MODE),
            field("canister_id", PRINCIPAL),
            field("wasm_module", BLOB),
            field("arg", BLOB),
            field("sender_canister_version", opt(NAT64)));

    static final IdlType.Record CHUNK_HASH = record(field("hash", BLOB));

    static final IdlType.Record UPLOAD_CHUNK_ARGS = record(
            field("canister_id", PRINCIPAL),
            field("chunk", BLOB));

    static final IdlType.Vec STORED_CHUNKS_RESULT = vec(CHUNK_HASH);

    static final IdlType.Record INSTALL_CHUNKED_CODE_ARGS = record(
            field("mode", CANISTER_INSTALL_MODE),
            field("target_canister", PRINCIPAL),
            field("store_canister", opt(PRINCIPAL)),
            field("chunk_hashes_list", vec(CHUNK_HASH)),
            field("wasm_module_hash", BLOB),
            field("arg", BLOB),
            field("sender_canister_version", opt(NAT64)));

    static final IdlType.Record CANISTER_STATUS_RESULT = record(
            field("status", enumeration("running", "stopping", "stopped")),
            field("version", opt(NAT64)),
            field("settings", record(field("controllers", vec(PRINCIPAL)))),
            field("module_hash", opt(BLOB)),
            field("memory_size", NAT),
            field("cycles", NAT));

    static final IdlType.Record SNAPSHOT = record(
            field("id", BLOB),
            field("taken_at_timestamp", NAT64),
            field("total_size", NAT64));

    static final IdlType.Record TAKE_CANISTER_SNAPSHOT_ARGS = record(
            field("canister_id", PRINCIPAL),
            field("replace_snapshot", opt(BLOB)),
            field("uninstall_code", opt(BOOL)),
            field("sender_canister_version", opt(NAT64)));

    static final IdlType.Record SNAPSHOT_ARGS = record(
            field("canister_id", PRINCIPAL),
            field("snapshot_id", BLOB));

    static final IdlType.Record LOAD_CANISTER_SNAPSHOT_ARGS = record(
            field("canister_id", PRINCIPAL),
            field("snapshot_id", BLOB),
            field("sender_canister_version", opt(NAT64)));

    static final IdlType.Vec LIST_CANISTER_SNAPSHOTS_RESULT = vec(SNAPSHOT);

    static final IdlType.Vec SNAPSHOT_GLOBALS = vec(variant(
            field("i32", INT32),
            field("i64", INT64),
            field("f32", FLOAT32),
            field("f64", FLOAT64),
            field("v128", NAT)));

    static final IdlType.Opt GLOBAL_TIMER = opt(variant(
            field("inactive", IdlType.NULL),
            field("active", NAT64)));

    static final IdlType.Opt ON_LOW_WASM_MEMORY_HOOK_STATUS =
            opt(enumeration("condition_not_satisfied", "ready", "executed"));

    static final IdlType.Record READ_CANISTER_SNAPSHOT_METADATA_RESULT = record(
            field("source", variant(field("taken_from_canister", RESERVED), field("metadata_upload", RESERVED))),
            field("taken_at_timestamp", NAT64),
            field("wasm_module_size", NAT64),
            field("globals", SNAPSHOT_GLOBALS),
            field("wasm_memory_size", NAT64),
            field("stable_memory_size", NAT64),
            field("wasm_chunk_store", vec(CHUNK_HASH)),
            field("canister_version", NAT64),
            field("certified_data", BLOB),
            field("global_timer", GLOBAL_TIMER),
            field("on_low_wasm_memory_hook_status", ON_LOW_WASM_MEMORY_HOOK_STATUS));

    private static final IdlType.Record OFFSET_AND_SIZE = record(field("offset", NAT64), field("size", NAT64));

    static final IdlType.Record READ_CANISTER_SNAPSHOT_DATA_ARGS = record(
            field("canister_id", PRINCIPAL),
            field("snapshot_id", BLOB),
            field("kind", variant(
                    field("wasm_module", OFFSET_AND_SIZE),
                    field("wasm_memory", OFFSET_AND_SIZE),
                    field("stable_memory", OFFSET_AND_SIZE),
                    field("wasm_chunk", record(field("hash", BLOB))))));

    static final IdlType.Record CHUNK_RESULT = record(field("chunk", BLOB));

    static final IdlType.Record UPLOAD_CANISTER_SNAPSHOT_METADATA_ARGS = record(
            field("canister_id", PRINCIPAL),
            field("replace_snapshot", opt(BLOB)),
            field("wasm_module_size", NAT64),
            field("globals", SNAPSHOT_GLOBALS),
            field("wasm_memory_size", NAT64),
            field("stable_memory_size", NAT64),
            field("certified_data", BLOB),
            field("global_timer", GLOBAL_TIMER),
            field("on_low_wasm_memory_hook_status", ON_LOW_WASM_MEMORY_HOOK_STATUS));

    static final IdlType.Record UPLOAD_CANISTER_SNAPSHOT_METADATA_RESULT = record(field("snapshot_id", BLOB));

    private static final IdlType.Record OFFSET = record(field("offset", NAT64));

    static final IdlType.Record UPLOAD_CANISTER_SNAPSHOT_DATA_ARGS = record(
            field("canister_id", PRINCIPAL),
            field("snapshot_id", BLOB),
            field("kind", variant(
                    field("wasm_module", OFFSET),
                    field("wasm_memory", OFFSET),
                    field("stable_memory", OFFSET),
                    field("wasm_chunk", IdlType.NULL))),
            field("chunk", BLOB));

    static final IdlType.Record CANISTER_SETTINGS_CONTROLLERS = record(field("controllers", opt(vec(PRINCIPAL))));

    static final IdlType.Record PROVISIONAL_CREATE_CANISTER_WITH_CYCLES_ARGS = record(
            field("amount", opt(NAT)),
            field("settings", opt(CANISTER_SETTINGS_CONTROLLERS)),
            field("specified_id", opt(PRINCIPAL)),
            field("sender_canister_version", opt(NAT64)));

    static final IdlType.Record PROVISIONAL_CREATE_CANISTER_WITH_CYCLES_RESULT = record(field("canister_id", PRINCIPAL));
}
