package io.github.icmaven.testcanisters;

import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.ic.identity.LoadedIdentity;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcaPKCS8EncryptedPrivateKeyInfoBuilder;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Throwaway identities for tests. */
public final class TestIdentities {
    private TestIdentities() {}

    /** {@code key} as an encrypted PKCS#8 PEM (AES-256-CBC, PBKDF2 with HMAC-SHA256), as openssl writes it. */
    public static String encryptedPkcs8(PrivateKey key, char[] passphrase) throws Exception {
        PKCS8EncryptedPrivateKeyInfo info = new JcaPKCS8EncryptedPrivateKeyInfoBuilder(key)
                .build(new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                        .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256))
                        .setIterationCount(2048)
                        .setProvider(new BouncyCastleProvider())
                        .build(passphrase));
        return pem("ENCRYPTED PRIVATE KEY", info.getEncoded());
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** A fresh Ed25519 identity (PKCS#8 PEM, as openssl writes it). */
    public static LoadedIdentity newEd25519() throws Exception {
        return new IdentityLoader(Path.of("unused")).fromPemText(newEd25519Pem(), "test identity");
    }

    /** The PEM text of a fresh Ed25519 key (PKCS#8, as openssl writes it). */
    public static String newEd25519Pem() throws Exception {
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }
}
