package io.github.icmaven.candid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLType;
import org.ic4j.candid.parser.IDLValue;
import org.ic4j.candid.types.Label;
import org.ic4j.candid.types.Type;
import org.junit.jupiter.api.Test;

/** Messages written by ic4j-candid 0.7.2 decode with our decoder, and ours decode with ic4j. */
class Ic4jCrossCheckTest {
    private static final Principal CANISTER = Principal.canisterId(42);

    private static IDLType ic4jRecordType() {
        Map<Label, IDLType> fields = new TreeMap<>();
        fields.put(Label.createNamedLabel("count"), IDLType.createType(Type.NAT));
        fields.put(Label.createNamedLabel("name"), IDLType.createType(Type.TEXT));
        fields.put(Label.createNamedLabel("maybe"), IDLType.createType(Type.OPT, IDLType.createType(Type.NAT64)));
        return IDLType.createType(Type.RECORD, fields);
    }

    private static final IdlType OUR_RECORD_TYPE = IdlType.record(Map.of(
            "count", IdlType.NAT, "name", IdlType.TEXT, "maybe", IdlType.opt(IdlType.NAT64)));

    @Test
    void ic4jMessagesDecode() {
        Map<Label, Object> record = new TreeMap<>();
        record.put(Label.createNamedLabel("count"), BigInteger.valueOf(300));
        record.put(Label.createNamedLabel("name"), "hello");
        record.put(Label.createNamedLabel("maybe"), Optional.of(7L));
        byte[] blob = {0, 1, 2, (byte) 0xff};
        Map<Label, IDLType> chosenCase = new TreeMap<>();
        chosenCase.put(Label.createNamedLabel("upgrade"), IDLType.createType(Type.NULL));
        Map<Label, Object> variantValue = new TreeMap<>();
        variantValue.put(Label.createNamedLabel("upgrade"), null);

        byte[] bytes = IDLArgs.create(List.of(
                IDLValue.create(record, ic4jRecordType()),
                IDLValue.create(blob, IDLType.createType(Type.VEC, IDLType.createType(Type.NAT8))),
                IDLValue.create(org.ic4j.types.Principal.from(CANISTER.bytes()), Type.PRINCIPAL),
                IDLValue.create(variantValue, IDLType.createType(Type.VARIANT, chosenCase)))).toBytes();

        List<IdlValue> decoded = Candid.decode(bytes, List.of(OUR_RECORD_TYPE, IdlType.BLOB, IdlType.PRINCIPAL,
                IdlType.enumeration("install", "reinstall", "upgrade")));
        assertEquals(BigInteger.valueOf(300), decoded.get(0).field("count").asNat());
        assertEquals("hello", decoded.get(0).field("name").asText());
        assertEquals(7L, decoded.get(0).field("maybe").asOpt().orElseThrow().asLong());
        assertArrayEquals(blob, decoded.get(1).asBlob());
        assertEquals(CANISTER, decoded.get(2).asPrincipal());
        assertEquals("upgrade", decoded.get(3).asVariant().tag());
    }

    @Test
    void ourMessagesDecodeWithIc4j() {
        byte[] blob = {9, 8, 7};
        byte[] bytes = Candid.encode(List.of(OUR_RECORD_TYPE, IdlType.BLOB, IdlType.PRINCIPAL,
                        IdlType.variant(Map.of("ok", IdlType.TEXT, "err", IdlType.NAT))),
                List.of(IdlValue.record(Map.of("count", IdlValue.nat(300), "name", IdlValue.text("hello"),
                                "maybe", IdlValue.some(IdlValue.nat64(7)))),
                        IdlValue.blob(blob), IdlValue.principal(CANISTER), IdlValue.variant("ok", IdlValue.text("fine"))));

        List<IDLValue> args = IDLArgs.fromBytes(bytes).getArgs();
        Map<Label, Object> record = args.get(0).getValue();
        assertEquals(BigInteger.valueOf(300), record.get(Label.createNamedLabel("count")));
        assertEquals("hello", record.get(Label.createNamedLabel("name")));
        assertEquals(Optional.of(7L), record.get(Label.createNamedLabel("maybe")));
        assertArrayEquals(blob, toBytes(args.get(1).getValue()));
        assertEquals(CANISTER.toText(), args.get(2).getValue().toString());
        Map<Label, Object> variant = args.get(3).getValue();
        assertEquals("fine", variant.get(Label.createIdLabel(IdlType.idlHash("ok"))));
        assertTrue(variant.size() == 1, variant.toString());
    }

    private static byte[] toBytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        Object[] boxed = (Object[]) value;
        byte[] out = new byte[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            out[i] = ((Number) boxed[i]).byteValue();
        }
        return out;
    }
}
