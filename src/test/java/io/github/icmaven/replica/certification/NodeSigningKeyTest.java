package io.github.icmaven.replica.certification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborTag;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ic4j.agent.replicaapi.QueryResponse;
import org.ic4j.agent.requestid.RequestId;
import org.junit.jupiter.api.Test;

/** Query response signatures check out against what ic4j-agent computes as the signed bytes. */
class NodeSigningKeyTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] REQUEST_ID = HEX.parseHex("5a".repeat(32));
    private static final long TIMESTAMP = 1_700_000_000_123_456_789L;

    private static boolean verifies(byte[] der, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static QueryResponse parseWithIc4j(Map<String, Object> response) throws Exception {
        ObjectMapper jackson = new ObjectMapper(new CBORFactory()).registerModule(new Jdk8Module());
        return jackson.readValue(Cbor.encode(CborTag.selfDescribed(response)), QueryResponse.class);
    }

    @Test
    void keyFromSeedIsStableAndNodeIdIsSelfAuthenticating() {
        byte[] seed = new byte[32];
        NodeSigningKey key = NodeSigningKey.fromSeed(seed);
        assertArrayEquals(key.publicKeyDer(), NodeSigningKey.fromSeed(seed).publicKeyDer());
        assertEquals(44, key.publicKeyDer().length);
        assertEquals(Principal.selfAuthenticating(key.publicKeyDer()), key.nodeId());
        // RFC 8032, section 7.1, TEST 1: seed and public key.
        NodeSigningKey rfc = NodeSigningKey.fromSeed(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertTrue(HEX.formatHex(rfc.publicKeyDer())
                .endsWith("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    }

    @Test
    void repliedSignatureVerifiesOverIc4jSignable() throws Exception {
        NodeSigningKey key = NodeSigningKey.random();
        byte[] arg = {0x44, 0x49, 0x44, 0x4c, 0, 0x71, 2, 0x68, 0x69};
        Map<String, Object> entry = key.signReplied(REQUEST_ID, arg, TIMESTAMP);
        assertEquals(List.of("timestamp", "signature", "identity"), List.copyOf(entry.keySet()));
        assertArrayEquals(key.nodeId().bytes(), (byte[]) entry.get("identity"));

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "replied");
        response.put("reply", Map.of("arg", arg));
        response.put("signatures", List.of(entry));
        QueryResponse parsed = parseWithIc4j(response);
        byte[] signable = parsed.signable(RequestId.fromHexString(HEX.formatHex(REQUEST_ID)), TIMESTAMP);
        assertTrue(verifies(key.publicKeyDer(), signable, (byte[]) entry.get("signature")));
        assertFalse(verifies(key.publicKeyDer(), parsed.signable(RequestId.fromHexString(HEX.formatHex(REQUEST_ID)),
                TIMESTAMP + 1), (byte[]) entry.get("signature")));
    }

    @Test
    void rejectedSignatureVerifiesOverIc4jSignable() throws Exception {
        NodeSigningKey key = NodeSigningKey.random();
        Map<String, Object> entry = key.signRejected(REQUEST_ID, 3, "Canister x not found", "IC0301", TIMESTAMP);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "rejected");
        response.put("reject_code", 3L);
        response.put("reject_message", "Canister x not found");
        response.put("error_code", "IC0301");
        response.put("signatures", List.of(entry));
        QueryResponse parsed = parseWithIc4j(response);
        byte[] signable = parsed.signable(RequestId.fromHexString(HEX.formatHex(REQUEST_ID)), TIMESTAMP);
        assertTrue(verifies(key.publicKeyDer(), signable, (byte[]) entry.get("signature")));
    }
}
