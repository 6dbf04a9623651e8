package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.state.CanisterSettings;
import io.github.icmaven.replica.state.CanisterStatus;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Typed arguments and results of the canister lifecycle methods, one record per candid type of ic.did. */
public final class CanisterArgs {
    private CanisterArgs() {}

    /** {@code provisional_create_canister_with_cycles_args}. */
    public record ProvisionalCreateArgs(
            Optional<BigInteger> amount,
            Optional<SettingsUpdate> settings,
            Optional<Principal> specifiedId,
            OptionalLong senderCanisterVersion) {
        public static ProvisionalCreateArgs defaults() {
            return new ProvisionalCreateArgs(Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());
        }
    }

    /** {@code create_canister_result} / {@code provisional_create_canister_with_cycles_result}. */
    public record CreateCanisterResult(Principal canisterId) {}

    /** {@code canister_status_args}, {@code start_canister_args}, {@code stop_canister_args}, {@code delete_canister_args},
     *  {@code stored_chunks_args}, {@code clear_chunk_store_args}, {@code list_canister_snapshots_args}. */
    public record CanisterIdArgs(Principal canisterId) {}

    /** {@code uninstall_code_args}. */
    public record UninstallCodeArgs(Principal canisterId, OptionalLong senderCanisterVersion) {}

    /** {@code update_settings_args}. */
    public record UpdateSettingsArgs(Principal canisterId, SettingsUpdate settings, OptionalLong senderCanisterVersion) {}

    /** {@code install_code_args}. */
    public record InstallCodeArgs(
            InstallMode mode, Principal canisterId, byte[] wasmModule, byte[] arg, OptionalLong senderCanisterVersion) {}

    /** {@code install_chunked_code_args}; {@code chunkHashes} are the {@code chunk_hash.hash} blobs in order. */
    public record InstallChunkedCodeArgs(
            InstallMode mode,
            Principal targetCanister,
            Optional<Principal> storeCanister,
            List<byte[]> chunkHashes,
            byte[] wasmModuleHash,
            byte[] arg,
            OptionalLong senderCanisterVersion) {}

    /** {@code upload_chunk_args}. */
    public record UploadChunkArgs(Principal canisterId, byte[] chunk) {}

    /** {@code chunk_hash}: the result of upload_chunk and the elements of stored_chunks. */
    public record ChunkHashRecord(byte[] hash) {}

    /** {@code definite_canister_settings}. */
    public record DefiniteSettings(List<Principal> controllers, CanisterSettings settings) {}

    /** {@code canister_status_result.memory_metrics}. */
    public record MemoryMetrics(
            BigInteger wasmMemorySize,
            BigInteger stableMemorySize,
            BigInteger globalMemorySize,
            BigInteger wasmBinarySize,
            BigInteger customSectionsSize,
            BigInteger canisterHistorySize,
            BigInteger wasmChunkStoreSize,
            BigInteger snapshotsSize) {}

    /** {@code canister_status_result.query_stats}. */
    public record QueryStats(
            BigInteger numCallsTotal,
            BigInteger numInstructionsTotal,
            BigInteger requestPayloadBytesTotal,
            BigInteger responsePayloadBytesTotal) {
        public static final QueryStats ZERO =
                new QueryStats(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }

    /** {@code canister_status_result}. */
    public record CanisterStatusResult(
            CanisterStatus status,
            boolean readyForMigration,
            long version,
            DefiniteSettings settings,
            Optional<byte[]> moduleHash,
            BigInteger memorySize,
            MemoryMetrics memoryMetrics,
            BigInteger cycles,
            BigInteger reservedCycles,
            BigInteger idleCyclesBurnedPerDay,
            QueryStats queryStats) {}
}
