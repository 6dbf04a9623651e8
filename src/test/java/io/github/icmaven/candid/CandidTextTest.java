package io.github.icmaven.candid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidTextTest {

    @Test
    void infersTypesFromLiterals() {
        List<IdlValue> args = CandidText.parseArgs(
                "(1_000, -5, 1.5, \"a\\n\\u{2603}\\41\", true, null, opt 3, vec { 1; 2 }, blob \"\\00\\ab\", principal \"aaaaa-aa\")");
        assertEquals(List.of(IdlValue.nat(1000), IdlValue.integer(-5), IdlValue.float64(1.5), IdlValue.text("a\n\u2603A"),
                IdlValue.bool(true), IdlValue.NULL, IdlValue.some(IdlValue.nat(3)),
                IdlValue.vec(IdlValue.nat(1), IdlValue.nat(2)), IdlValue.blob(new byte[] {0, (byte) 0xab}),
                IdlValue.principal(Principal.MANAGEMENT_CANISTER)), args);
    }

    @Test
    void annotationsAndExpectedTypesDecideNumberTypes() {
        assertEquals(List.of(IdlValue.nat64(42)), CandidText.parseArgs("(42 : nat64)"));
        assertEquals(List.of(IdlValue.nat64(42)), CandidText.parseArgs("(42)", List.of(IdlType.NAT64)));
        assertEquals(List.of(IdlValue.nat16(65535)), CandidText.parseArgs("(0xff_ff)", List.of(IdlType.NAT16)));
        assertThrows(CandidException.class, () -> CandidText.parseArgs("(0xffff : int16)"));
        assertThrows(CandidException.class, () -> CandidText.parseArgs("(256)", List.of(IdlType.NAT8)));
        assertThrows(CandidException.class, () -> CandidText.parseArgs("(-1)", List.of(IdlType.NAT)));
        assertEquals(List.of(IdlValue.float32(2f)), CandidText.parseArgs("(2)", List.of(IdlType.FLOAT32)));
    }

    @Test
    void recordsTuplesAndVariants() {
        IdlValue v = CandidText.parseArgs("(record { name = \"x\"; 5 = true; \"quoted name\" = null }, "
                + "record { 1; \"b\" }, variant { ok = 3 }, variant { keep })").get(0);
        assertEquals("x", v.field("name").asText());
        assertTrue(v.field(5).asBool());
        assertTrue(v.field("quoted name").isNull());
        List<IdlValue> rest = CandidText.parseArgs("(record { 1; \"b\" }, variant { ok = 3 }, variant { keep; })");
        assertEquals(IdlValue.tuple(IdlValue.nat(1), IdlValue.text("b")), rest.get(0));
        assertEquals(IdlValue.variant("ok", IdlValue.nat(3)), rest.get(1));
        assertEquals(IdlValue.variant("keep"), rest.get(2));
    }

    @Test
    void upgradeArgumentTextAgainstTheInstallCodeType() {
        String text = """
                (record {
                  mode = variant { upgrade = opt record { wasm_memory_persistence = opt variant { keep } } };
                  canister_id = principal "rrkah-fqaaa-aaaaa-aaaaq-cai";  // a comment
                  wasm_module = blob "\\00asm";
                  arg = vec { 68; 73; 68; 76; 0; 0 };
                  /* sender_canister_version left out: it is optional */
                })""";
        IdlValue args = CandidText.parseArgs(text, List.of(CandidBinaryTest.INSTALL_CODE_ARGS)).get(0);
        assertEquals("rrkah-fqaaa-aaaaa-aaaaq-cai", args.field("canister_id").asPrincipal().toText());
        assertArrayEquals("DIDL\0\0".getBytes(), args.field("arg").asBlob());
        assertTrue(args.field("sender_canister_version").asOpt().isEmpty());
        IdlValue options = args.field("mode").asVariant().value().asOpt().orElseThrow();
        assertTrue(options.field("skip_pre_upgrade").asOpt().isEmpty());
        assertEquals("keep", options.field("wasm_memory_persistence").asOpt().orElseThrow().asVariant().tag());

        // printing and parsing back gives the same value, names included
        String printed = CandidText.print(List.of(args));
        assertEquals(List.of(args), CandidText.parseArgs(printed, List.of(CandidBinaryTest.INSTALL_CODE_ARGS)));
        assertTrue(printed.contains("canister_id = principal \"rrkah-fqaaa-aaaaa-aaaaq-cai\""), printed);
        assertTrue(printed.contains("wasm_module = blob \"\\00asm\""), printed);
    }

    @Test
    void mismatchesAreReportedWithPosition() {
        CandidException e = assertThrows(CandidException.class, () -> CandidText.parseArgs(
                "(record { canister_id = \"aaaaa-aa\" })", List.of(IdlType.record(Map.of("canister_id", IdlType.PRINCIPAL)))));
        assertEquals("argument 0: field 'canister_id': line 1, column 25: expected a value of type principal, got a text",
                e.getMessage());
        CandidException variant = assertThrows(CandidException.class, () -> CandidText.parseArgs(
                "(variant { keeep })", List.of(IdlType.enumeration("keep", "replace"))));
        assertTrue(variant.getMessage().contains("variant case 'keeep' is not one of variant { "), variant.getMessage());
        assertThrows(CandidException.class, () -> CandidText.parseArgs("(principal \"not-a-principal\")"));
        assertThrows(CandidException.class, () -> CandidText.parseArgs("(\"\\u{2603\")"));
        assertThrows(CandidException.class, () -> CandidText.parseArgs("(1, 2"));
    }

    @Test
    void printsInCanonicalStyle() {
        assertEquals("(42 : nat64)", CandidText.print(List.of(IdlValue.nat64(42))));
        assertEquals("(\"ok\")", CandidText.print(List.of(IdlValue.text("ok"))));
        assertEquals("()", CandidText.print(List.of()));
        assertEquals("(opt (5 : nat), null, vec {}, record {}, variant { keep })", CandidText.print(List.of(
                IdlValue.some(IdlValue.nat(5)), IdlValue.none(), IdlValue.vec(), IdlValue.record(), IdlValue.variant("keep"))));
        assertEquals("(record { 1 : nat; \"b\" }, blob \"a\\22\\00\\ff\")", CandidText.print(List.of(
                IdlValue.tuple(IdlValue.nat(1), IdlValue.text("b")), IdlValue.blob(new byte[] {'a', '"', 0, -1}))));
        // unknown names print as ids and still parse back to equal values
        IdlValue unnamed = new IdlValue.Record(List.of(IdlValue.field(IdlType.idlHash("status"), IdlValue.text("x"))));
        assertEquals("record { 3_441 = \"x\" }".replace("3_441", Long.toString(IdlType.idlHash("status"))),
                CandidText.print(unnamed));
        assertEquals(List.of(unnamed), CandidText.parseArgs(CandidText.print(List.of(unnamed))));
    }

    @Test
    void printedValuesParseBackEqual() {
        List<IdlValue> values = List.of(IdlValue.nat8(255), IdlValue.int64(Long.MIN_VALUE), IdlValue.nat64(-1L),
                IdlValue.float32(0.1f), IdlValue.float64(1e300), IdlValue.text("tab\t\"quote\" \\ \u0001"),
                IdlValue.RESERVED, IdlValue.some(IdlValue.some(IdlValue.integer(-3))),
                IdlValue.vec(IdlValue.variant("a", IdlValue.bool(false)), IdlValue.variant("b")));
        String printed = CandidText.print(values);
        assertEquals(values, CandidText.parseArgs(printed), printed);
    }

    @Test
    void typesParse() {
        IdlType parsed = CandidText.parseType("""
                record { mode : variant { install; reinstall; upgrade : opt record { skip_pre_upgrade : opt bool;
                  wasm_memory_persistence : opt variant { keep; replace } } };
                  canister_id : principal; wasm_module : blob; arg : blob; sender_canister_version : opt nat64 }""");
        assertEquals(CandidBinaryTest.INSTALL_CODE_ARGS, parsed);
        assertEquals(parsed, CandidText.parseType(parsed.toString()));
        IdlType func = CandidText.parseType("func (record { response : blob; context : blob }) -> (blob) query");
        assertEquals(func, CandidText.parseType(func.toString()));
        assertEquals("line 1, column 5: unknown type 'canister_id'",
                assertThrows(CandidException.class, () -> CandidText.parseType("opt canister_id")).getMessage());
        assertEquals("line 1, column 9: unknown type 'id'",
                assertThrows(CandidException.class, () -> CandidText.parseArgs("(1, 2 : id)")).getMessage());
    }

    @Test
    void sameValuesIgnoresRepresentationButNotContent() {
        List<IdlValue> reply = Candid.decode(Candid.encode(
                List.of(IdlType.record(Map.of("status", IdlType.TEXT, "size", IdlType.NAT64, "data", IdlType.BLOB,
                        "next", IdlType.opt(IdlType.NAT)))),
                List.of(IdlValue.record(Map.of("status", IdlValue.text("ok"), "size", IdlValue.nat64(42),
                        "data", IdlValue.blob(new byte[] {1, 2}), "next", IdlValue.none())))));
        assertTrue(Candid.sameValues(CandidText.parseArgs(
                "(record { status = \"ok\"; size = 42; data = vec { 1 : nat8; 2 : nat8 }; next = null })"), reply));
        assertFalse(Candid.sameValues(CandidText.parseArgs(
                "(record { status = \"ok\"; size = 43; data = blob \"\\01\\02\"; next = null })"), reply));
        assertFalse(Candid.sameValues(CandidText.parseArgs(
                "(record { status = \"ok\"; size = 42; data = blob \"\\01\\02\" })"), reply));
        assertFalse(Candid.sameValues(CandidText.parseArgs("(\"ok\", 1)"), CandidText.parseArgs("(\"ok\")")));
    }

    @Test
    void inferredTypesEncode() {
        List<IdlValue> values = CandidText.parseArgs("(vec { opt 1; null; opt -2 }, variant { a = 1 }, vec {})");
        assertEquals(CandidText.parseTypes("(vec opt int, variant { a : nat }, vec empty)"),
                values.stream().map(Candid::inferType).toList());
        byte[] bytes = Candid.encode(values);
        assertTrue(Candid.sameValues(values, Candid.decode(bytes)));
        assertThrows(CandidException.class, () -> Candid.encode(CandidText.parseArgs("(vec { 1; \"a\" })")));
    }
}
