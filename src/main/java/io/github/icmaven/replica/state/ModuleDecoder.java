package io.github.icmaven.replica.state;

import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.WasmModule;

/** Turns module bytes as sent (possibly gzip) into a {@link WasmModule}; injectable so tests can use opaque modules. */
@FunctionalInterface
public interface ModuleDecoder {
    /** @throws IcReject IC0505 when the bytes are not a valid module */
    WasmModule decode(byte[] bytesAsSent) throws IcReject;

    static ModuleDecoder standard() {
        return WasmModule::decode;
    }
}
