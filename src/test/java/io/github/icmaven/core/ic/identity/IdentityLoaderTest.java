package io.github.icmaven.core.ic.identity;


import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestIdentities;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.ic4j.agent.identity.Signature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityLoaderTest {
    private static final byte[] MESSAGE = "\nic-requestsome request id".getBytes(StandardCharsets.UTF_8);
    private static final char[] PASSPHRASE = "correct horse".toCharArray();

    @TempDir
    Path dir;

    @BeforeAll
    static void registerBouncyCastle() {
        Secp256k1Keys.bouncyCastle();
    }

    // ---- Ed25519 ----

    @Test
    void ed25519OpensslPkcs8V1() throws Exception {
        KeyPair pair = ed25519();
        // What `openssl genpkey -algorithm ed25519` writes (and the JDK encodes): PKCS#8 v1, no public key.
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        assertEquals(0x30, pair.getPrivate().getEncoded()[0]);
        LoadedIdentity identity = new IdentityLoader(dir).fromPemText(pem, "test PEM");
        assertEd25519Identity(pair, identity);
    }

    @Test
    void ed25519DfxLayoutWithPublicKey() throws Exception {
        KeyPair pair = ed25519();
        byte[] seed = ed25519Seed(pair);
        byte[] rawPublic = rawPublicKey(pair.getPublic().getEncoded());
        // dfx: PKCS#8 v2 (version 1) with the public key in [1].
        byte[] der = concat(HexFormat.of().parseHex("3053020101300506032b657004220420"), seed,
                HexFormat.of().parseHex("a123032100"), rawPublic);
        Path file = dir.resolve("identity.pem");
        Files.writeString(file, pem("PRIVATE KEY", der));
        LoadedIdentity identity = new IdentityLoader(dir).fromPemFile(file);
        assertEd25519Identity(pair, identity);
        assertTrue(identity.source().contains(file.toString()));
    }

    @Test
    void ed25519WithForeignPublicKeyIsRefused() throws Exception {
        byte[] der = concat(HexFormat.of().parseHex("3053020101300506032b657004220420"), ed25519Seed(ed25519()),
                HexFormat.of().parseHex("a123032100"), rawPublicKey(ed25519().getPublic().getEncoded()));
        assertRefused(der, "does not belong to its private key");
    }

    @Test
    void ed25519Rfc5958ImplicitPublicKeyAndSeedWithPublicKey() throws Exception {
        KeyPair pair = ed25519();
        byte[] seed = ed25519Seed(pair);
        byte[] rawPublic = rawPublicKey(pair.getPublic().getEncoded());
        // RFC 5958 tags the public key [1] IMPLICIT: 81 21 00 <key> rather than dfx's a1 23 03 21 00 <key>.
        byte[] implicit = concat(HexFormat.of().parseHex("3051020101300506032b657004220420"), seed,
                HexFormat.of().parseHex("812100"), rawPublic);
        assertEd25519Identity(pair, new IdentityLoader(dir).fromPemText(pem("PRIVATE KEY", implicit), "test PEM"));
        // Some old tools store seed ++ public key as the private key.
        byte[] seedAndPublic = concat(HexFormat.of().parseHex("304e020100300506032b657004420440"), seed, rawPublic);
        assertEd25519Identity(pair, new IdentityLoader(dir).fromPemText(pem("PRIVATE KEY", seedAndPublic), "test PEM"));
        byte[] foreign = concat(HexFormat.of().parseHex("304e020100300506032b657004420440"), seed,
                rawPublicKey(ed25519().getPublic().getEncoded()));
        assertRefused(foreign, "does not belong to its private key");
    }

    @Test
    void malformedEd25519Pkcs8IsRefused() throws Exception {
        byte[] der = ed25519().getPrivate().getEncoded(); // 302e 020100 300506032b6570 04220420 <seed>
        String notPkcs8 = "the PRIVATE KEY block is not a valid PKCS#8 structure";
        assertRefused(concat(der, new byte[] {0}), notPkcs8);
        assertRefused(Arrays.copyOf(der, der.length - 1), notPkcs8);
        assertRefused(with(der, 1, 0x7f), notPkcs8); // outer length beyond the data
        assertRefused(with(der, 0, 0x31), notPkcs8); // a SET, not a SEQUENCE
        assertRefused(with(der, 4, 0x02), notPkcs8); // version 2
        assertRefused(concat(with(der, 1, 0x2e + 3), HexFormat.of().parseHex("820100")), notPkcs8); // unknown [2]
        byte[] v0WithPublicKey = concat(HexFormat.of().parseHex("3051020100300506032b657004220420"), ed25519Seed(ed25519()),
                HexFormat.of().parseHex("812100"), new byte[32]);
        assertRefused(v0WithPublicKey, notPkcs8);
        // The privateKey OCTET STRING must hold another OCTET STRING (RFC 8410's CurvePrivateKey).
        assertRefused(with(der, 14, 0x30), "the private key is malformed (tag 0x30 where 0x04 was expected)");
        byte[] shortSeed = concat(HexFormat.of().parseHex("302d020100300506032b65700421041f"), new byte[31]);
        assertRefused(shortSeed, "an Ed25519 private key must be 32 bytes, found 31");
    }

    @Test
    void ed25519EncryptedPkcs8WithPbkdf2() throws Exception {
        KeyPair pair = ed25519();
        String pem = encryptedPkcs8(pair, PASSPHRASE);
        assertTrue(pem.contains("BEGIN ENCRYPTED PRIVATE KEY"));
        LoadedIdentity identity = new IdentityLoader(dir).fromPemText(pem, "encrypted PEM", PASSPHRASE);
        assertEd25519Identity(pair, identity);
    }

    @Test
    void wrongOrMissingPassphraseIsReported() throws Exception {
        String pem = encryptedPkcs8(ed25519(), PASSPHRASE);
        IdentityLoader loader = new IdentityLoader(dir);
        IdentityException wrong = assertThrows(IdentityException.class,
                () -> loader.fromPemText(pem, "encrypted PEM", "nope".toCharArray()));
        assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
        IdentityException missing = assertThrows(IdentityException.class, () -> loader.fromPemText(pem, "encrypted PEM"));
        assertTrue(missing.getMessage().contains("passphrase is required"), missing.getMessage());
    }

    // ---- secp256k1 ----

    @Test
    void secp256k1Sec1WithEcParametersBlock() throws Exception {
        KeyPair pair = secp256k1();
        byte[] sec1 = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        // `openssl ecparam -name secp256k1 -genkey` writes the curve first, then the key.
        String pem = pem("EC PARAMETERS", HexFormat.of().parseHex("06052b8104000a")) + pem("EC PRIVATE KEY", sec1);
        LoadedIdentity identity = new IdentityLoader(dir).fromPemText(pem, "test PEM");
        assertSecp256k1Identity(pair, identity);
    }

    @Test
    void secp256k1Pkcs8() throws Exception {
        KeyPair pair = secp256k1();
        LoadedIdentity identity = new IdentityLoader(dir).fromPemText(pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "k");
        assertSecp256k1Identity(pair, identity);
    }

    @Test
    void secp256k1TraditionalOpensslEncryption() throws Exception {
        KeyPair pair = secp256k1();
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaMiscPEMGenerator(pair.getPrivate(),
                    new JcePEMEncryptorBuilder("AES-256-CBC").setProvider("BC").build(PASSPHRASE)));
        }
        assertTrue(text.toString().contains("DEK-Info: AES-256-CBC"), "fixture is traditional encryption");
        LoadedIdentity identity = new IdentityLoader(dir).fromPemText(text.toString(), "encrypted EC PEM", PASSPHRASE);
        assertSecp256k1Identity(pair, identity);
    }

    @Test
    void p256IsRefusedWithAClearMessage() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String pem = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        IdentityException e = assertThrows(IdentityException.class, () -> new IdentityLoader(dir).fromPemText(pem, "p256"));
        assertTrue(e.getMessage().contains("P-256") && e.getMessage().contains("Ed25519"), e.getMessage());
    }

    // ---- errors and sources ----

    @Test
    void errorsNeverQuoteKeyMaterial() throws Exception {
        byte[] der = ed25519().getPrivate().getEncoded();
        byte[] truncated = Arrays.copyOf(der, der.length - 3);
        String body = Base64.getEncoder().encodeToString(truncated);
        IdentityException e = assertThrows(IdentityException.class,
                () -> new IdentityLoader(dir).fromPemText(pem("PRIVATE KEY", truncated), "env IC_PEM"));
        assertTrue(e.getMessage().startsWith("env IC_PEM"), e.getMessage());
        assertFalse(e.getMessage().contains(body.substring(0, 16)), e.getMessage());
        IdentityException notPem = assertThrows(IdentityException.class,
                () -> new IdentityLoader(dir).fromPemText("just some secret text", "env IC_PEM"));
        assertFalse(notPem.getMessage().contains("secret"), notPem.getMessage());
    }

    @Test
    void rsaAndEmptyInputsAreExplained() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        IdentityException e = assertThrows(IdentityException.class, () -> new IdentityLoader(dir)
                .fromPemText(pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded()), "rsa"));
        assertTrue(e.getMessage().contains("unsupported key algorithm"), e.getMessage());
        IdentityException empty = assertThrows(IdentityException.class, () -> new IdentityLoader(dir).fromPemText(" ", "env X"));
        assertEquals("env X is empty", empty.getMessage());
        IdentityException missing = assertThrows(IdentityException.class,
                () -> new IdentityLoader(dir).fromPemFile(dir.resolve("nope.pem")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void dfxIdentitiesByName() throws Exception {
        KeyPair pair = ed25519();
        Files.createDirectories(dir.resolve("deployer"));
        Files.writeString(dir.resolve("deployer/identity.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        LoadedIdentity identity = new IdentityLoader(dir).fromDfxIdentity("deployer");
        assertEd25519Identity(pair, identity);
        assertTrue(identity.source().contains("dfx identity 'deployer'"));
    }

    @Test
    void encryptedMissingAndInvalidDfxIdentitiesAreExplained() throws Exception {
        Files.createDirectories(dir.resolve("locked"));
        Files.write(dir.resolve("locked/identity.pem.encrypted"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve("keyring"));
        IdentityLoader loader = new IdentityLoader(dir);
        IdentityException locked = assertThrows(IdentityException.class, () -> loader.fromDfxIdentity("locked"));
        assertTrue(locked.getMessage().contains("encrypted") && locked.getMessage().contains("dfx identity export locked"),
                locked.getMessage());
        IdentityException keyring = assertThrows(IdentityException.class, () -> loader.fromDfxIdentity("keyring"));
        assertTrue(keyring.getMessage().contains("no identity.pem"), keyring.getMessage());
        IdentityException absent = assertThrows(IdentityException.class, () -> loader.fromDfxIdentity("ghost"));
        assertTrue(absent.getMessage().contains("does not exist"), absent.getMessage());
        IdentityException traversal = assertThrows(IdentityException.class, () -> loader.fromDfxIdentity("../etc"));
        assertTrue(traversal.getMessage().contains("not a valid dfx identity name"), traversal.getMessage());
    }

    @Test
    void toStringShowsNoKey() throws Exception {
        LoadedIdentity identity = new IdentityLoader(dir).fromPemText(pem("PRIVATE KEY", ed25519().getPrivate().getEncoded()), "t");
        assertEquals("ED25519 identity " + identity.principal() + " from t", identity.toString());
    }

    // ---- helpers ----

    private static void assertEd25519Identity(KeyPair expected, LoadedIdentity identity) throws Exception {
        assertEquals(KeyType.ED25519, identity.keyType());
        assertEquals(Principal.selfAuthenticating(expected.getPublic().getEncoded()), identity.principal());
        assertEquals(identity.principal().toText(), identity.identity().sender().toString());
        Signature signature = identity.identity().sign(MESSAGE);
        java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
        verifier.initVerify(expected.getPublic());
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(signature.signature.orElseThrow()), "signature verifies with the original public key");
        assertArrayEquals(expected.getPublic().getEncoded(), signature.publicKey.orElseThrow());
        // Ed25519 is deterministic: the same signature as ic4j's own (JDK) identity gives.
        assertArrayEquals(org.ic4j.agent.identity.BasicIdentity.fromKeyPair(expected).sign(MESSAGE).signature.orElseThrow(),
                signature.signature.orElseThrow());
    }

    private void assertRefused(byte[] der, String expectedMessagePart) {
        IdentityException e = assertThrows(IdentityException.class,
                () -> new IdentityLoader(dir).fromPemText(pem("PRIVATE KEY", der), "test PEM"));
        assertTrue(e.getMessage().startsWith("test PEM: ") && e.getMessage().contains(expectedMessagePart), e.getMessage());
    }

    /** A copy of {@code der} with one byte replaced. */
    private static byte[] with(byte[] der, int index, int value) {
        byte[] copy = der.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static void assertSecp256k1Identity(KeyPair expected, LoadedIdentity identity) throws Exception {
        assertEquals(KeyType.SECP256K1, identity.keyType());
        byte[] spki = expected.getPublic().getEncoded();
        assertEquals(Principal.selfAuthenticating(spki), identity.principal());
        assertEquals(identity.principal().toText(), identity.identity().sender().toString());
        // The IC wants a named-curve SPKI with an uncompressed point.
        assertEquals("3056301006072a8648ce3d020106052b8104000a03420004", HexFormat.of().formatHex(spki, 0, 24));
        Signature signature = identity.identity().sign(MESSAGE);
        assertEquals(64, signature.signature.orElseThrow().length, "IC signatures are r ++ s");
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withPLAIN-ECDSA", "BC");
        verifier.initVerify(expected.getPublic());
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(signature.signature.orElseThrow()));
    }

    private static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static KeyPair secp256k1() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
        generator.initialize(new ECGenParameterSpec("secp256k1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    /** The raw 32-byte Ed25519 public key at the end of its SubjectPublicKeyInfo. */
    static byte[] rawPublicKey(byte[] spki) {
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    private static byte[] ed25519Seed(KeyPair pair) {
        byte[] der = pair.getPrivate().getEncoded(); // 302e020100300506032b657004220420 ++ seed
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    private static String encryptedPkcs8(KeyPair pair, char[] passphrase) throws Exception {
        return TestIdentities.encryptedPkcs8(pair.getPrivate(), passphrase);
    }

    static String pem(String label, byte[] der) {
        return TestIdentities.pem(label, der);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
