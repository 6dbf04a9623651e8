package io.github.icmaven.replica.execution;

import io.github.icmaven.replica.IcReject;
import java.util.Map;

/**
 * A canister module as install_code received it. Decoding gunzips modules starting with 1f 8b 08, validates the wasm, and reads custom sections.
 */
public interface WasmModule {
    /** The bytes as sent (possibly gzip): what module_hash is computed over. */
    byte[] bytesAsSent();

    /** The wasm binary (after gunzip). */
    byte[] wasm();

    /** SHA-256 of {@link #bytesAsSent()}. */
    byte[] hash();

    /**
     * False for wasm64 modules the lowering to wasm32 cannot handle (SIMD, atomics, ...): they install as
     * opaque modules. Motoko's wasm64 output runs.
     */
    boolean executable();

    /** True when the module has the private custom section {@code enhanced-orthogonal-persistence}. */
    boolean enhancedOrthogonalPersistence();

    /**
     * Custom sections named {@code icp:public <name>} or {@code icp:private <name>}, keyed by
     * {@code <name>}, in the order they appear.
     */
    Map<String, byte[]> publicMetadata();

    Map<String, byte[]> privateMetadata();

    /**
     * Decodes a module as sent by install_code.
     *
     * @throws IcReject IC0505 (CANISTER_ERROR) when the bytes are not a valid wasm module
     */
    static WasmModule decode(byte[] bytesAsSent) throws IcReject {
        return DecodedWasmModule.decode(bytesAsSent);
    }
}
