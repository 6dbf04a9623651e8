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
    void readsServiceClassesServiceNamesQuotedNamesAndFuncTypeNames() {
        DidFile did = DidFile.parse("""
                /* nested /* comment */ */
                type getter = func () -> (nat) composite_query;
                type api = service {
                  "get value" : getter;
                  put : func (blob) -> () oneway;
                  "variant" : () -> (variant { "a b"; 3 : text }) query;
                };
                service counter : (init : record { owner : principal }) -> api
                """);
        assertEquals(List.of("composite_query"), did.method("get value").annotations());
        assertEquals(List.of(IdlType.NAT), did.method("get value").results());
        assertEquals(List.of(IdlType.BLOB), did.method("put").args());
        assertEquals(List.of("oneway"), did.method("put").annotations());
        assertEquals(List.of(IdlType.variant(IdlType.field("a b", IdlType.NULL), IdlType.field(3, IdlType.TEXT))),
                did.method("variant").results());
    }

    @Test
    void reportsUnknownTypesAndSyntaxErrorsWithTheirLine() {
        CandidException unknown = assertThrows(CandidException.class,
                () -> DidFile.parse("type a = nat;\nservice : { m : (missing) -> () }"));
        assertEquals("Candid interface, line 2, column 18: unknown type 'missing'", unknown.getMessage());
        CandidException syntax = assertThrows(CandidException.class,
                () -> DidFile.parse("type a = nat;\ntype b = record { x : };"));
        assertEquals("Candid interface, line 2, column 23: expected a type, got '}'", syntax.getMessage());
        CandidException imported = assertThrows(CandidException.class,
                () -> DidFile.parse("type a = nat;\nimport \"other.did\";"));
        assertEquals("Candid interface, line 2, column 1: imports are not supported", imported.getMessage());
        CandidException recursive = assertThrows(CandidException.class,
                () -> DidFile.parse("type a = vec a; service : { m : (a) -> () }"));
        assertEquals("Candid interface: recursive type 'a' is not supported", recursive.getMessage());
    }
}
