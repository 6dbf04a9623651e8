package io.github.icmaven.core.ic.identity;

import io.github.icmaven.core.ic.identity.DerReader.MalformedDerException;

/**
 * A PKCS#8 PrivateKeyInfo (RFC 5208, version 0) or OneAsymmetricKey (RFC 5958, version 1, which may carry
 * the public key).
 *
 * @param algorithm the private key algorithm's OBJECT IDENTIFIER, dotted
 * @param algorithmParameters the algorithm's parameters as one DER element, or null when absent
 * @param privateKey the contents of the privateKey OCTET STRING (an algorithm-specific encoding)
 * @param publicKey the contents of the publicKey BIT STRING, or null when absent
 */
record Pkcs8PrivateKeyInfo(String algorithm, byte[] algorithmParameters, byte[] privateKey, byte[] publicKey) {
    private static final int ATTRIBUTES = 0;
    private static final int PUBLIC_KEY = 1;

    /** Parses {@code der}, which must hold exactly one PrivateKeyInfo and nothing after it. */
    static Pkcs8PrivateKeyInfo parse(byte[] der) throws MalformedDerException {
        DerReader outer = DerReader.of(der);
        DerReader info = outer.next(DerReader.SEQUENCE).children();
        outer.expectEnd();
        int version = info.next(DerReader.INTEGER).smallInteger();
        if (version > 1) {
            throw new MalformedDerException("version " + version);
        }
        DerReader algorithmIdentifier = info.next(DerReader.SEQUENCE).children();
        String algorithm = algorithmIdentifier.next(DerReader.OBJECT_IDENTIFIER).objectIdentifier();
        byte[] parameters = algorithmIdentifier.hasNext() ? algorithmIdentifier.next().encoded() : null;
        algorithmIdentifier.expectEnd();
        byte[] privateKey = info.next(DerReader.OCTET_STRING).contents();
        if (info.peekTag() == (DerReader.CONTEXT_CONSTRUCTED | ATTRIBUTES)) {
            info.next(); // attributes carry nothing a signer needs
        }
        byte[] publicKey = null;
        int tag = info.peekTag();
        if (tag == (DerReader.CONTEXT_PRIMITIVE | PUBLIC_KEY) || tag == (DerReader.CONTEXT_CONSTRUCTED | PUBLIC_KEY)) {
            if (version < 1) {
                throw new MalformedDerException("a public key in a version 0 PrivateKeyInfo");
            }
            publicKey = publicKey(info.next());
        }
        info.expectEnd();
        return new Pkcs8PrivateKeyInfo(algorithm, parameters, privateKey, publicKey);
    }

    /**
     * {@code [1] IMPLICIT BIT STRING} as RFC 5958 writes it, or the explicitly tagged BIT STRING that dfx writes
     * ({@code a1 23 03 21 00 ...}).
     */
    private static byte[] publicKey(DerReader.Element tagged) throws MalformedDerException {
        if (tagged.tag() == (DerReader.CONTEXT_PRIMITIVE | PUBLIC_KEY)) {
            return tagged.bitStringBytes();
        }
        DerReader inside = tagged.children();
        byte[] bits = inside.next(DerReader.BIT_STRING).bitStringBytes();
        inside.expectEnd();
        return bits;
    }
}
