package io.github.icmaven.core.ic.identity;

import io.github.icmaven.testcanisters.TestIdentities;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.ic4j.agent.identity.Identity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK-only Ed25519 identity signs exactly as RFC 8032 and BouncyCastle do. */
class Ed25519IdentityTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PKCS8_V1_PREFIX = "302e020100300506032b657004220420";

    /** RFC 8032 section 7.1, TEST 1 and TEST 2: secret key, public key, message, signature. */
    @ParameterizedTest
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
            + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '',"
            + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
            + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
            + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
    })
    void rfc8032TestVectors(String secretKey, String publicKey, String message, String signature) throws Exception {
        Identity identity = load(HEX.parseHex(secretKey));
        byte[] spki = identity.getPublicKey();
        assertEquals("302a300506032b6570032100" + publicKey, HEX.formatHex(spki));
        byte[] signed = identity.sign(HEX.parseHex(message)).signature.orElseThrow();
        assertEquals(signature, HEX.formatHex(signed));
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "64", "1000"})
    void signaturesEqualBouncyCastlesAndVerifyWithIt(int messageLength) throws Exception {
        SecureRandom random = new SecureRandom();
        for (int key = 0; key < 5; key++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] message = new byte[messageLength];
            random.nextBytes(message);
            Ed25519PrivateKeyParameters bcKey = new Ed25519PrivateKeyParameters(seed, 0);
            Identity identity = load(seed);

            byte[] signature = identity.sign(message).signature.orElseThrow();

            Ed25519Signer bcSigner = new Ed25519Signer();
            bcSigner.init(true, bcKey);
            bcSigner.update(message, 0, message.length);
            assertArrayEquals(bcSigner.generateSignature(), signature, "same signature as BouncyCastle's");
            byte[] rawPublic = IdentityLoaderTest.rawPublicKey(identity.getPublicKey());
            assertArrayEquals(bcKey.generatePublicKey().getEncoded(), rawPublic, "same public key as BouncyCastle derives");
            Ed25519Signer bcVerifier = new Ed25519Signer();
            bcVerifier.init(false, new Ed25519PublicKeyParameters(rawPublic, 0));
            bcVerifier.update(message, 0, message.length);
            assertTrue(bcVerifier.verifySignature(signature), "BouncyCastle verifies the signature");
            byte[] other = "another message".getBytes(StandardCharsets.UTF_8);
            bcVerifier.update(other, 0, other.length);
            assertFalse(bcVerifier.verifySignature(signature), "and rejects it for another message");
        }
    }

    /** The identity of {@code seed} written as `openssl genpkey -algorithm ed25519` writes keys. */
    private static Identity load(byte[] seed) throws IdentityException {
        String pem = TestIdentities.pem("PRIVATE KEY", IdentityLoaderTest.concat(HEX.parseHex(PKCS8_V1_PREFIX), seed));
        return new IdentityLoader(Path.of("unused")).fromPemText(pem, "test PEM").identity();
    }
}
