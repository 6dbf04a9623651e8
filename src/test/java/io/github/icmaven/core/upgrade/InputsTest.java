package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.json.Json;
import io.github.icmaven.testcanisters.TestCanisters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input resolution without a replica: arguments, canister_ids.json, JSON round trip, wasm checks. */
class InputsTest {
    @TempDir
    Path temp;

    @Test
    void argumentFromTextHexAndFile() throws Exception {
        byte[] fromText = CandidInput.upgradeArgument("(42 : nat64)", null, null);
        assertArrayEquals(TestCanisters.encodeNat64(42), fromText);
        assertArrayEquals(TestCanisters.encodeEmpty(), CandidInput.upgradeArgument(null, null, null));
        assertArrayEquals(TestCanisters.encodeEmpty(), CandidInput.upgradeArgument(null, "4449 444c 0000", null));
        Path binary = temp.resolve("arg.bin");
        Files.write(binary, TestCanisters.encodeNat64(7));
        assertArrayEquals(TestCanisters.encodeNat64(7), CandidInput.upgradeArgument(null, null, binary));
        Path text = temp.resolve("arg.did");
        Files.writeString(text, "(7 : nat64)\n");
        assertArrayEquals(TestCanisters.encodeNat64(7), CandidInput.upgradeArgument(null, null, text));
        InputException notCandid = assertThrows(InputException.class, () -> CandidInput.upgradeArgument(null, "4449444cff", null));
        assertEquals(ParameterName.ARG_HEX, notCandid.parameter());
        InputException missing = assertThrows(InputException.class,
                () -> CandidInput.upgradeArgument(null, null, temp.resolve("none")));
        assertTrue(missing.getMessage().startsWith("<argFile> (ic.argFile): "), missing.getMessage());
    }

    @Test
    void canisterNamesPerNetwork() throws Exception {
        Path ids = temp.resolve("canister_ids.json");
        Files.writeString(ids, "{\"backend\": {\"ic\": \"ryjl3-tyaaa-aaaaa-aaaba-cai\", \"local\": \"bkyz2-fmaaa-aaaaa-qaaaq-cai\"}}");
        TargetConfig byName = new TargetConfig("ic", null, "backend", ids, null);
        assertEquals("ryjl3-tyaaa-aaaaa-aaaba-cai", IcSession.resolveCanister(byName, IcNetwork.resolve("ic")).toText());
        assertEquals("bkyz2-fmaaa-aaaaa-qaaaq-cai",
                IcSession.resolveCanister(byName, IcNetwork.resolve("http://127.0.0.1:8080")).toText());
        InputException none = assertThrows(InputException.class,
                () -> IcSession.resolveCanister(new TargetConfig("local", null, null, ids, null), IcNetwork.resolve("local")));
        assertTrue(none.getMessage().contains("<canisterId> (ic.canisterId) or <canisterName> (ic.canisterName)"), none.getMessage());
        InputException noFile = assertThrows(InputException.class, () -> IcSession.resolveCanister(
                new TargetConfig("local", null, "backend", temp.resolve("x.json"), null), IcNetwork.resolve("local")));
        assertTrue(noFile.getMessage().startsWith("<canisterIdsFile> (ic.canisterIdsFile): "), noFile.getMessage());
    }

    @Test
    void aPinnedRootKeyMustBeADerBlsKeyInHex() throws Exception {
        String mainnet = java.util.HexFormat.of().formatHex(IcNetwork.mainnetRootKey());
        assertArrayEquals(IcNetwork.mainnetRootKey(),
                IcSession.resolveNetwork("http://127.0.0.1:4943", " " + mainnet + " ").pinnedRootKey());
        assertEquals(null, IcSession.resolveNetwork("local", " ").pinnedRootKey(), "blank: nothing pinned");
        for (String bad : new String[] {"xyz", mainnet.substring(2)}) {
            InputException e = assertThrows(InputException.class, () -> IcSession.resolveNetwork("local", bad));
            assertEquals(ParameterName.ROOT_KEY, e.parameter());
            assertTrue(e.getMessage().startsWith("<rootKey> (ic.rootKey): "), e.getMessage());
        }
    }

    @Test
    void jsonWritesWhatItParses() {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("text", "a \"quoted\"\nline\u0001");
        value.put("n", 12L);
        value.put("none", null);
        value.put("list", List.of(true, "x"));
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) Json.parse(Json.write(value));
        assertEquals("a \"quoted\"\nline\u0001", back.get("text"));
        assertEquals(12, back.get("n"));
        assertTrue(back.containsKey("none"));
        assertEquals(List.of(true, "x"), back.get("list"));
    }

    @Test
    void wasmIsCheckedAfterGunzip() throws Exception {
        Path gz = temp.resolve("not-wasm.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("hello".getBytes());
        }
        InputException e = assertThrows(InputException.class, () -> WasmModule.read(gz));
        assertTrue(e.getMessage().contains("after gunzip"), e.getMessage());
        assertEquals(ParameterName.WASM, e.parameter());
    }

    @Test
    void persistenceChoice() throws Exception {
        assertEquals(PersistenceChoice.KEEP, PersistenceChoice.parse("Keep"));
        assertEquals(PersistenceChoice.AUTO, PersistenceChoice.parse(null));
        InputException e = assertThrows(InputException.class, () -> PersistenceChoice.parse("maybe"));
        assertTrue(e.getMessage().startsWith("<wasmMemoryPersistence> (ic.wasmMemoryPersistence): "), e.getMessage());
    }
}
