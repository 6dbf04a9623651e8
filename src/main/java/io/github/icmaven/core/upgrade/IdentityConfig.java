package io.github.icmaven.core.upgrade;

import java.nio.file.Path;

/**
 * Where the signing key comes from; the first source that is set wins, in this order. All fields may be null.
 *
 * @param serverId the settings.xml server the PEM path and passphrase were read from (for messages)
 * @param serverPemFile that server's {@code <privateKey>}
 * @param serverPassphrase that server's decrypted {@code <passphrase>}; never logged
 * @param pemFile a PEM file
 * @param dfxIdentity a dfx identity name
 * @param pemEnvironmentVariable name of an environment variable holding PEM text
 */
public record IdentityConfig(String serverId, Path serverPemFile, char[] serverPassphrase, Path pemFile,
        String dfxIdentity, String pemEnvironmentVariable) {

    public static IdentityConfig pemFile(Path pemFile) {
        return new IdentityConfig(null, null, null, pemFile, null, null);
    }

    public static IdentityConfig environmentVariable(String name) {
        return new IdentityConfig(null, null, null, null, null, name);
    }

    @Override
    public String toString() {
        // The record's default text would print the passphrase.
        return "IdentityConfig[serverId=" + serverId + ", pemFile=" + pemFile + ", dfxIdentity=" + dfxIdentity
                + ", pemEnvironmentVariable=" + pemEnvironmentVariable + "]";
    }
}
