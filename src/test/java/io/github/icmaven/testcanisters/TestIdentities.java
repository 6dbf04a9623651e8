package io.github.icmaven.testcanisters;

import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.ic.identity.LoadedIdentity;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Throwaway identities for tests. */
public final class TestIdentities {
    private TestIdentities() {}

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
