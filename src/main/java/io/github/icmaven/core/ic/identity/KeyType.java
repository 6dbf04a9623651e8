package io.github.icmaven.core.ic.identity;

/** The signature schemes this plugin can sign with. */
public enum KeyType {
    ED25519,
    SECP256K1
}
