package io.github.icmaven.core.ic.identity;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Security;

/**
 * Turns elliptic-curve private keys into BouncyCastle secp256k1 key pairs (the JDK no longer knows the curve).
 * P-256 is refused: ic4j's Prime256v1Identity produces signatures the IC rejects. The only class of this package
 * besides {@link PemDecryptor} that loads BouncyCastle, which costs a fresh JVM about 150 ms: Ed25519 keys never
 * come here.
 */
final class Secp256k1Keys {
    private Secp256k1Keys() {}

    /** Registers BouncyCastle once, by name, as ic4j's secp256k1 signer asks for provider "BC". */
    static Provider bouncyCastle() {
        synchronized (Secp256k1Keys.class) {
            Provider provider = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            if (provider == null) {
                provider = new BouncyCastleProvider();
                Security.addProvider(provider);
            }
            return provider;
        }
    }

    /**
     * The EC key of a PKCS#8 PrivateKeyInfo.
     *
     * @param ecPrivateKey the DER ECPrivateKey in the PrivateKeyInfo's privateKey
     * @param algorithmParameters the DER curve parameters of the PrivateKeyInfo's algorithm, or null
     */
    static PrivateKeys.Decoded fromPkcs8(byte[] ecPrivateKey, byte[] algorithmParameters, String source)
            throws IdentityException {
        try {
            ECPrivateKey ecKey = ECPrivateKey.getInstance(ecPrivateKey);
            ASN1Encodable params = algorithmParameters == null ? null : ASN1Primitive.fromByteArray(algorithmParameters);
            return ecdsa(ecKey, params != null ? params : ecKey.getParametersObject(), source);
        } catch (IdentityException e) {
            throw e;
        } catch (Exception e) {
            throw new IdentityException(source + ": the private key is malformed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A SEC1 {@code EC PRIVATE KEY}. */
    static PrivateKeys.Decoded fromSec1(byte[] der, String source) throws IdentityException {
        ECPrivateKey ecKey;
        try {
            ecKey = ECPrivateKey.getInstance(der);
        } catch (RuntimeException e) {
            throw new IdentityException(source + ": the EC PRIVATE KEY block is not a valid SEC1 structure");
        }
        return ecdsa(ecKey, ecKey.getParametersObject(), source);
    }

    private static PrivateKeys.Decoded ecdsa(ECPrivateKey ecKey, ASN1Encodable curveParams, String source)
            throws IdentityException {
        ASN1Primitive curve = curveParams == null ? null : curveParams.toASN1Primitive();
        if (X9ObjectIdentifiers.prime256v1.equals(curve)) {
            throw new IdentityException(source + ": P-256 (prime256v1) keys are not supported: ic4j signs them in a way "
                    + "the IC rejects. Use an Ed25519 or secp256k1 key (`dfx identity new` creates Ed25519 by default)");
        }
        if (!SECObjectIdentifiers.secp256k1.equals(curve)) {
            throw new IdentityException(source + ": unsupported elliptic curve "
                    + (curve == null ? "(not named in the file)" : curve.toString()) + " (supported: secp256k1)");
        }
        ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec("secp256k1");
        BigInteger d = ecKey.getKey();
        if (d.signum() <= 0 || d.compareTo(spec.getN()) >= 0) {
            throw new IdentityException(source + ": the secp256k1 private key is out of range");
        }
        ECPoint q = spec.getG().multiply(d).normalize();
        ASN1BitString declared = ecKey.getPublicKey();
        if (declared != null) {
            ECPoint declaredPoint;
            try {
                declaredPoint = spec.getCurve().decodePoint(declared.getOctets());
            } catch (RuntimeException e) {
                throw new IdentityException(source + ": the secp256k1 public key stored in the file is malformed");
            }
            if (!declaredPoint.equals(q)) {
                throw new IdentityException(source + ": the secp256k1 public key stored in the file does not belong to its private key");
            }
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", bouncyCastle());
            return new PrivateKeys.Decoded(new KeyPair(factory.generatePublic(new ECPublicKeySpec(q, spec)),
                    factory.generatePrivate(new ECPrivateKeySpec(d, spec))), KeyType.SECP256K1);
        } catch (GeneralSecurityException e) {
            throw new IdentityException(source + ": cannot build a secp256k1 key (" + e.getClass().getSimpleName() + ")");
        }
    }
}
