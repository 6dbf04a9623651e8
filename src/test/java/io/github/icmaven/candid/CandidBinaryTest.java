package io.github.icmaven.candid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidBinaryTest {

    /** install_code's argument, as in the interface spec's ic.did. */
    static final IdlType INSTALL_CODE_ARGS = IdlType.record(Map.of(
            "mode", IdlType.variant(Map.of(
                    "install", IdlType.NULL,
                    "reinstall", IdlType.NULL,
                    "upgrade", IdlType.opt(IdlType.record(Map.of(
                            "skip_pre_upgrade", IdlType.opt(IdlType.BOOL),
                            "wasm_memory_persistence", IdlType.opt(IdlType.enumeration("keep", "replace"))))))),
            "canister_id", IdlType.PRINCIPAL,
            "wasm_module", IdlType.BLOB,
            "arg", IdlType.BLOB,
            "sender_canister_version", IdlType.opt(IdlType.NAT64)));

    static final Principal CANISTER = Principal.canisterId(7);

    static IdlValue upgradeKeeping(byte[] wasm) {
        return IdlValue.record(Map.of(
                "mode", IdlValue.variant("upgrade", IdlValue.some(IdlValue.record(Map.of(
                        "skip_pre_upgrade", IdlValue.none(),
                        "wasm_memory_persistence", IdlValue.some(IdlValue.variant("keep")))))),
                "canister_id", IdlValue.principal(CANISTER),
                "wasm_module", IdlValue.blob(wasm),
                "arg", IdlValue.blob(new byte[] {0x44, 0x49, 0x44, 0x4c, 0, 0}),
                "sender_canister_version", IdlValue.none()));
    }

    @Test
    void installCodeArgsRoundTripAndReadByName() {
        byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0};
        byte[] bytes = Candid.encode(List.of(INSTALL_CODE_ARGS), List.of(upgradeKeeping(wasm)));

        IdlValue args = Candid.decode(bytes, List.of(INSTALL_CODE_ARGS)).get(0);
        assertEquals(CANISTER, args.field("canister_id").asPrincipal());
        assertArrayEquals(wasm, args.field("wasm_module").asBlob());
        assertEquals(Optional.empty(), args.field("sender_canister_version").asOpt());
        IdlValue.Variant mode = args.field("mode").asVariant();
        assertEquals("upgrade", mode.tag());
        IdlValue options = mode.value().asOpt().orElseThrow();
        assertTrue(options.field("wasm_memory_persistence").asOpt().orElseThrow().asVariant().is("keep"));
        assertEquals(upgradeKeeping(wasm), args);

        // Self-described: no names on the wire, but lookups by name still work through the hash.
        IdlValue selfDescribed = Candid.decode(bytes).get(0);
        assertEquals(CANISTER, selfDescribed.field("canister_id").asPrincipal());
        assertEquals(null, selfDescribed.field("mode").asVariant().name());
        assertTrue(selfDescribed.field("mode").asVariant().is("upgrade"));
        assertEquals(args, selfDescribed); // equality ignores names
    }

    @Test
    void typeTableSharesEqualCompoundTypes() {
        IdlType pair = IdlType.record(Map.of("a", IdlType.BLOB, "b", IdlType.BLOB, "c", IdlType.opt(IdlType.BLOB)));
        byte[] bytes = Candid.encode(List.of(pair, IdlType.BLOB), List.of(
                IdlValue.record(Map.of("a", IdlValue.blob(new byte[0]), "b", IdlValue.blob(new byte[0]))),
                IdlValue.blob(new byte[] {9})));
        // table: vec nat8, opt 0, record {a:0; b:0; c:1} = 3 entries; then 2 args referencing entries 2 and 0
        assertEquals(3, bytes[4]);
        assertEquals("DIDL", new String(bytes, 0, 4));
    }

    @Test
    void variantCasesAreMatchedByIdNotByPosition() {
        // Sender knows the case as the only one (index 0); receiver's type has it third.
        IdlType senderType = IdlType.variant(Map.of("upgrade", IdlType.NULL));
        IdlType.Variant receiverType = IdlType.enumeration("install", "reinstall", "upgrade");
        byte[] bytes = Candid.encode(List.of(senderType), List.of(IdlValue.variant("upgrade")));
        IdlValue.Variant decoded = Candid.decode(bytes, List.of(receiverType)).get(0).asVariant();
        assertEquals("upgrade", decoded.tag());
        assertTrue(decoded.is("upgrade"));
        assertFalse(decoded.is("install"));

        // And a case that the receiver lacks is an error, not a silent mismatch.
        byte[] unknown = Candid.encode(List.of(IdlType.enumeration("uninstall")), List.of(IdlValue.variant("uninstall")));
        CandidException e = assertThrows(CandidException.class, () -> Candid.decode(unknown, List.of(receiverType)));
        assertTrue(e.getMessage().contains("not one of the expected cases"), e.getMessage());
    }

    @Test
    void extraFieldsAndArgumentsAreIgnoredMissingOptsAreNone() {
        IdlType newer = IdlType.record(Map.of("canister_id", IdlType.PRINCIPAL, "new_field", IdlType.TEXT));
        IdlType older = IdlType.record(Map.of("canister_id", IdlType.PRINCIPAL, "maybe", IdlType.opt(IdlType.NAT)));
        byte[] bytes = Candid.encode(List.of(newer, IdlType.NAT), List.of(
                IdlValue.record(Map.of("canister_id", IdlValue.principal(CANISTER), "new_field", IdlValue.text("x"))),
                IdlValue.nat(5)));
        List<IdlValue> decoded = Candid.decode(bytes, List.of(older));
        assertEquals(1, decoded.size());
        assertEquals(IdlValue.record(Map.of("canister_id", IdlValue.principal(CANISTER), "maybe", IdlValue.none())),
                decoded.get(0));

        List<IdlValue> withTrailing = Candid.decode(bytes, List.of(older, IdlType.INT, IdlType.opt(IdlType.TEXT)));
        assertEquals(IdlValue.integer(5), withTrailing.get(1)); // nat <: int
        assertEquals(IdlValue.none(), withTrailing.get(2));
    }

    @Test
    void missingRequiredFieldIsNamedInTheMessage() {
        byte[] bytes = Candid.encode(List.of(IdlType.record(Map.of("arg", IdlType.BLOB))),
                List.of(IdlValue.record(Map.of("arg", IdlValue.blob(new byte[0])))));
        CandidException e = assertThrows(CandidException.class, () -> Candid.decode(bytes, List.of(INSTALL_CODE_ARGS)));
        assertTrue(e.getMessage().startsWith("argument 0: expected record field "), e.getMessage());
        assertTrue(e.getMessage().contains("'wasm_module' of type blob"), e.getMessage());
    }

    @Test
    void wrongFieldTypeIsReportedWithItsPath() {
        IdlType bad = IdlType.record(Map.of("canister_id", IdlType.TEXT));
        byte[] bytes = Candid.encode(List.of(bad), List.of(IdlValue.record(Map.of("canister_id", IdlValue.text("x")))));
        IdlType expected = IdlType.record(Map.of("canister_id", IdlType.PRINCIPAL));
        CandidException e = assertThrows(CandidException.class, () -> Candid.decode(bytes, List.of(expected)));
        assertEquals("argument 0: field 'canister_id': expected principal, got \"x\"", e.getMessage());
    }

    @Test
    void encoderRejectsValuesThatDoNotFitTheirType() {
        CandidException e = assertThrows(CandidException.class, () -> Candid.encode(List.of(INSTALL_CODE_ARGS),
                List.of(IdlValue.record(Map.of("canister_id", IdlValue.text("aaaaa-aa"))))));
        assertTrue(e.getMessage().contains("'arg'") || e.getMessage().contains("'canister_id'"), e.getMessage());
        assertThrows(CandidException.class, () -> Candid.encode(List.of(IdlType.NAT64), List.of(IdlValue.nat(1))));
    }

    @Test
    void numbersRoundTripAtTheirLimits() {
        List<IdlType> types = List.of(IdlType.NAT, IdlType.INT, IdlType.NAT64, IdlType.INT64, IdlType.NAT8,
                IdlType.INT8, IdlType.FLOAT32, IdlType.FLOAT64, IdlType.NAT32);
        List<IdlValue> values = List.of(IdlValue.nat(BigInteger.TWO.pow(200)), IdlValue.integer(BigInteger.TWO.pow(100).negate()),
                IdlValue.nat64(-1L), IdlValue.int64(Long.MIN_VALUE), IdlValue.nat8(255), IdlValue.int8(-128),
                IdlValue.float32(1.5f), IdlValue.float64(-0.25), IdlValue.nat32(4294967295L));
        List<IdlValue> decoded = Candid.decode(Candid.encode(types, values), types);
        assertEquals(values, decoded);
        assertEquals(new BigInteger("18446744073709551615"), decoded.get(2).asNat());
        assertEquals(Long.MIN_VALUE, decoded.get(3).asLong());
    }

    @Test
    void tenMebibyteBlobIsFast() {
        byte[] wasm = new byte[10 * 1024 * 1024];
        new Random(1).nextBytes(wasm);
        IdlValue value = upgradeKeeping(wasm);
        Candid.decode(Candid.encode(List.of(INSTALL_CODE_ARGS), List.of(value)), List.of(INSTALL_CODE_ARGS)); // warm up

        long start = System.nanoTime();
        byte[] bytes = Candid.encode(List.of(INSTALL_CODE_ARGS), List.of(value));
        IdlValue decoded = Candid.decode(bytes, List.of(INSTALL_CODE_ARGS)).get(0);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertArrayEquals(wasm, decoded.field("wasm_module").asBlob());
        // Blobs stay byte arrays: no value per byte (what made ic4j's path slow).
        assertTrue(decoded.field("wasm_module") instanceof IdlValue.Blob);
        // Loose on purpose (machines under load vary); a quadratic codec takes minutes on 10 MiB.
        assertTrue(millis < 5_000, "10 MiB encode+decode took " + millis + " ms");
    }

    @Test
    void spaceBombIsRejected() {
        // vec null with 2^31-9 elements: 9 bytes on the wire
        byte[] bomb = {'D', 'I', 'D', 'L', 1, 0x6d, 0x7f, 1, 0, (byte) 0xf7, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        CandidException e = assertThrows(CandidException.class, () -> Candid.decode(bomb));
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
    }

    @Test
    void recursiveWireTypesDecode() {
        // type List = opt record { head : int; tail : List } from construct.test.did, list 1, 2
        byte[] bytes = CandidText.parseArgs("(blob \"DIDL\\02\\6e\\01\\6c\\02\\a0\\d2\\ac\\a8\\04\\7c\\90\\ed\\da\\e7\\04"
                + "\\00\\01\\00\\01\\01\\01\\02\\00\")").get(0).asBlob();
        IdlValue list = Candid.decode(bytes).get(0);
        IdlValue first = list.asOpt().orElseThrow();
        assertEquals(BigInteger.ONE, first.field("head").asInteger());
        IdlValue second = first.field("tail").asOpt().orElseThrow();
        assertEquals(BigInteger.TWO, second.field("head").asInteger());
        assertEquals(Optional.empty(), second.field("tail").asOpt());
    }

    @Test
    void idlHashMatchesTheSpec() {
        // ids as LEB128 in construct.test.did: foo = d3 e3 aa 02, bar = 86 8e b7 02
        assertEquals(5097222L, IdlType.idlHash("foo"));
        assertEquals(4895187L, IdlType.idlHash("bar"));
    }
}
