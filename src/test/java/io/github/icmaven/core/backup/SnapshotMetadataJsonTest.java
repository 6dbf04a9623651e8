package io.github.icmaven.core.backup;

import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.core.ic.SnapshotMetadata;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** metadata.json in icp-cli 1.5.0's format (the sample is what it wrote for a counter canister snapshot). */
class SnapshotMetadataJsonTest {
    private static final String ICP_CLI_SAMPLE = """
            {
              "source": {
                "taken_from_canister": null
              },
              "taken_at_timestamp": 1795595513062000000,
              "wasm_module_size": 1731,
              "globals": [],
              "wasm_memory_size": 131072,
              "stable_memory_size": 196608,
              "wasm_chunk_store": [
                {
                  "hash": [
                    3,
                    144,
                    88
                  ]
                }
              ],
              "canister_version": 4,
              "certified_data": [],
              "global_timer": "inactive",
              "on_low_wasm_memory_hook_status": "condition_not_satisfied"
            }
            """;

    @Test
    void readsIcpClisFileAndWritesItBackIdentically() {
        SnapshotMetadata metadata = SnapshotMetadataJson.read(ICP_CLI_SAMPLE);
        assertEquals("taken_from_canister", metadata.source());
        assertEquals(Instant.ofEpochSecond(1795595513L, 62_000_000), metadata.takenAt());
        assertEquals(1731, metadata.wasmModuleSize());
        assertEquals(131072, metadata.wasmMemorySize());
        assertEquals(196608, metadata.stableMemorySize());
        assertArrayEquals(new byte[] {3, (byte) 144, 88}, metadata.wasmChunkStore().get(0));
        assertEquals(4, metadata.canisterVersion());
        assertEquals(Optional.of(IdlValue.variant("inactive")), metadata.globalTimer());
        assertEquals(Optional.of(IdlValue.variant("condition_not_satisfied")), metadata.onLowWasmMemoryHookStatus());
        assertEquals(ICP_CLI_SAMPLE, SnapshotMetadataJson.write(metadata));
    }

    @Test
    void everyKindOfGlobalTimerAndHookSurvivesARoundTrip() {
        SnapshotMetadata metadata = new SnapshotMetadata("metadata_upload", Instant.ofEpochSecond(1, 5), 10,
                List.of(IdlValue.variant("i32", IdlValue.int32(-7)),
                        IdlValue.variant("i64", IdlValue.int64(Long.MIN_VALUE)),
                        IdlValue.variant("f32", IdlValue.float32(1.5f)),
                        IdlValue.variant("f64", IdlValue.float64(-2.25e-300)),
                        IdlValue.variant("v128", IdlValue.nat(BigInteger.ONE.shiftLeft(127)))),
                20, 30, List.of(), 9, new byte[] {(byte) 0xff, 0},
                Optional.of(IdlValue.variant("active", IdlValue.nat64(-1L))), Optional.empty());
        String json = SnapshotMetadataJson.write(metadata);
        SnapshotMetadata back = SnapshotMetadataJson.read(json);
        assertEquals(metadata.globals(), back.globals());
        assertEquals(metadata.globalTimer(), back.globalTimer());
        assertEquals(Optional.empty(), back.onLowWasmMemoryHookStatus());
        assertArrayEquals(metadata.certifiedData(), back.certifiedData());
        assertEquals(metadata.takenAt(), back.takenAt());
        assertEquals("metadata_upload", back.source());
        assertEquals(json, SnapshotMetadataJson.write(back));
    }

    @Test
    void aMalformedFileNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotMetadataJson.read(ICP_CLI_SAMPLE.replace("\"wasm_memory_size\": 131072", "\"wasm_memory_size\": -1")));
        assertEquals(true, e.getMessage().contains("wasm_memory_size"), e.getMessage());
    }
}
