package io.github.icmaven.core.upgrade;

/**
 * The user-facing name of a plugin parameter, as error messages show it: the pom element and its
 * property, e.g. {@code <wasm> (ic.wasm)}, so that every message says what to change.
 */
public record ParameterName(String element) {
    public static final ParameterName NETWORK = new ParameterName("network");
    public static final ParameterName ROOT_KEY = new ParameterName("rootKey");
    public static final ParameterName CANISTER_ID = new ParameterName("canisterId");
    public static final ParameterName CANISTER_NAME = new ParameterName("canisterName");
    public static final ParameterName CANISTER_IDS_FILE = new ParameterName("canisterIdsFile");
    public static final ParameterName WASM = new ParameterName("wasm");
    public static final ParameterName WASM_ARTIFACT = new ParameterName("wasmArtifact");
    public static final ParameterName ARG = new ParameterName("arg");
    public static final ParameterName ARG_HEX = new ParameterName("argHex");
    public static final ParameterName ARG_FILE = new ParameterName("argFile");
    public static final ParameterName SERVER_ID = new ParameterName("serverId");
    public static final ParameterName PEM_FILE = new ParameterName("pemFile");
    public static final ParameterName DFX_IDENTITY = new ParameterName("dfxIdentity");
    public static final ParameterName PEM_ENVIRONMENT_VARIABLE = new ParameterName("pemEnvironmentVariable");
    public static final ParameterName SKIP_SNAPSHOT = new ParameterName("skipSnapshot");
    public static final ParameterName NO_OVERWRITE = new ParameterName("noOverwrite");
    public static final ParameterName FORCE = new ParameterName("force");
    public static final ParameterName WASM_MEMORY_PERSISTENCE = new ParameterName("wasmMemoryPersistence");
    public static final ParameterName HEALTH_METHOD = new ParameterName("healthMethod");
    public static final ParameterName HEALTH_ARG = new ParameterName("healthArg");
    public static final ParameterName HEALTH_EXPECTED = new ParameterName("healthExpected");
    public static final ParameterName HEALTH_TIMEOUT = new ParameterName("healthTimeout");
    public static final ParameterName SNAPSHOT_ID = new ParameterName("snapshotId");
    public static final ParameterName BACKUP_DIRECTORY = new ParameterName("backupDirectory");
    public static final ParameterName REPLACE_SNAPSHOT_ID = new ParameterName("replaceSnapshotId");
    public static final ParameterName PARALLEL_SLICES = new ParameterName("parallelSlices");
    public static final ParameterName CANDID_CHECK = new ParameterName("candidCheck");
    public static final ParameterName CANDID_FILE = new ParameterName("candidFile");
    public static final ParameterName STABLE_CHECK = new ParameterName("stableCheck");
    public static final ParameterName ALLOW_MEMORY_WIPE = new ParameterName("allowMemoryWipe");
    public static final ParameterName PRESERVE = new ParameterName("preserve");
    public static final ParameterName PARALLELISM = new ParameterName("parallelism");
    public static final ParameterName CANARY = new ParameterName("canary");

    public String property() {
        return "ic." + element;
    }

    @Override
    public String toString() {
        return "<" + element + "> (" + property() + ")";
    }
}
