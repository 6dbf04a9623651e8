package io.github.icmaven.candid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DidFileTest {

    @Test
    void parsesTheManagementCanisterInterface() throws Exception {
        DidFile ic = DidFile.parse(Files.readString(
                Path.of("src/main/resources/io/github/icmaven/replica/management/ic.did"), StandardCharsets.UTF_8));

        IdlType.Func install = ic.method("install_code");
        IdlType expected = IdlType.record(Map.of(
                "mode", IdlType.variant(Map.of("install", IdlType.NULL, "reinstall", IdlType.NULL,
                        "upgrade", IdlType.opt(IdlType.record(Map.of(
                                "skip_pre_upgrade", IdlType.opt(IdlType.BOOL),
                                "wasm_memory_persistence", IdlType.opt(IdlType.enumeration("keep", "replace"))))))),
                "canister_id", IdlType.PRINCIPAL,
                "wasm_module", IdlType.BLOB,
                "arg", IdlType.BLOB,
                "sender_canister_version", IdlType.opt(IdlType.NAT64)));
        assertEquals(List.of(expected), install.args());
        assertEquals(List.of(), install.results());
        assertEquals(List.of("query"), ic.method("canister_status").annotations());
        IdlType.Record status = (IdlType.Record) ic.method("canister_status").results().get(0);
        IdlType.Record memory = (IdlType.Record) status.field("memory_metrics").orElseThrow().type();
        assertTrue(memory.field("log_memory_store_size").isPresent());
        assertTrue(ic.methods().containsKey("read_canister_snapshot_data"));
    }

    @Test
    void resolvesNamedTypesPositionalFieldsAndNamedArguments() {
        DidFile did = DidFile.parse("""
                type id = principal; // comment
                type pair = record { nat; text };
                service s : {
                  get : (key : id, opt pair) -> (variant { ok : pair; none }) query;
                }
                """);
        IdlType.Func get = did.method("get");
        assertEquals(List.of(IdlType.PRINCIPAL, IdlType.opt(IdlType.tuple(IdlType.NAT, IdlType.TEXT))), get.args());
        assertEquals(IdlType.variant(Map.of("ok", IdlType.tuple(IdlType.NAT, IdlType.TEXT), "none", IdlType.NULL)),
                get.results().get(0));
    }

    @Test
    void reportsUnknownTypesAndSyntaxErrorsWithTheirLine() {
        CandidException unknown = assertThrows(CandidException.class,
                () -> DidFile.parse("service : { m : (missing) -> () }"));
        assertTrue(unknown.getMessage().contains("unknown type 'missing'"), unknown.getMessage());
        CandidException syntax = assertThrows(CandidException.class,
                () -> DidFile.parse("type a = nat;\ntype b = record { x : };"));
        assertTrue(syntax.getMessage().contains("line 2"), syntax.getMessage());
        assertThrows(CandidException.class, () -> DidFile.parse("type a = vec a; service : { m : (a) -> () }"));
    }
}
