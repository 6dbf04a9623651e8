package io.github.icmaven.core.ic.identity;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
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
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Turns DER private keys into key pairs ic4j can sign with. Ed25519 keys are rebuilt from their 32-byte
 * seed (ic4j throws NullPointerException on PKCS#8 v1 files without a public key); secp256k1 keys become
 * BouncyCastle keys (the JDK no longer knows the curve). P-256 is refused: ic4j's Prime256v1Identity
 * produces signatures the IC rejects.
 */
final class PrivateKeys {
    /** A decoded key pair and its scheme. */
    record Decoded(KeyPair keyPair, KeyType type) {}

    private static final byte[] ED25519_PKCS8_V1_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int ED25519_SEED_BYTES = 32;
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private PrivateKeys() {}

    /** Registers BouncyCastle once, by name, as ic4j's secp256k1 signer asks for provider "BC". */
    static Provider bouncyCastle() {
        synchronized (PrivateKeys.class) {
            Provider provider = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            if (provider == null) {
                provider = new BouncyCastleProvider();
                Security.addProvider(provider);
            }
            return provider;
        }
    }

    /** A PKCS#8 PrivateKeyInfo (v1 or v2). */
    static Decoded fromPkcs8(byte[] der, String source) throws IdentityException {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new IdentityException(source + ": the PRIVATE KEY block is not a valid PKCS#8 structure");
        }
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        try {
            if (ID_ED25519.equals(algorithm)) {
                byte[] inner = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
                byte[] publicKey = info.getPublicKeyData() == null ? null : info.getPublicKeyData().getOctets();
                return ed25519(inner, publicKey, source);
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
                ASN1Encodable params = info.getPrivateKeyAlgorithm().getParameters();
                ECPrivateKey ecKey = ECPrivateKey.getInstance(info.parsePrivateKey());
                return ecdsa(ecKey, params != null ? params : ecKey.getParametersObject(), source);
            }
        } catch (IdentityException e) {
            throw e;
        } catch (Exception e) {
            throw new IdentityException(source + ": the private key is malformed (" + e.getClass().getSimpleName() + ")");
        }
        throw new IdentityException(source + ": unsupported key algorithm " + algorithm
                + " (supported: Ed25519, secp256k1)");
    }

    /** A SEC1 {@code EC PRIVATE KEY}. */
    static Decoded fromSec1(byte[] der, String source) throws IdentityException {
        ECPrivateKey ecKey;
        try {
            ecKey = ECPrivateKey.getInstance(der);
        } catch (RuntimeException e) {
            throw new IdentityException(source + ": the EC PRIVATE KEY block is not a valid SEC1 structure");
        }
        return ecdsa(ecKey, ecKey.getParametersObject(), source);
    }

    private static Decoded ed25519(byte[] privateKeyBytes, byte[] declaredPublicKey, String source) throws IdentityException {
        // Some old tools store seed ++ public key (64 bytes).
        if (privateKeyBytes.length != ED25519_SEED_BYTES && privateKeyBytes.length != 2 * ED25519_SEED_BYTES) {
            throw new IdentityException(source + ": an Ed25519 private key must be 32 bytes, found " + privateKeyBytes.length);
        }
        byte[] seed = Arrays.copyOf(privateKeyBytes, ED25519_SEED_BYTES);
        byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        byte[] declared = declaredPublicKey != null ? declaredPublicKey
                : privateKeyBytes.length == 2 * ED25519_SEED_BYTES
                        ? Arrays.copyOfRange(privateKeyBytes, ED25519_SEED_BYTES, privateKeyBytes.length) : null;
        if (declared != null && !Arrays.equals(declared, publicKey)) {
            throw new IdentityException(source + ": the Ed25519 public key stored in the file does not belong to its private key");
        }
        byte[] pkcs8 = concat(ED25519_PKCS8_V1_PREFIX, seed);
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            KeyPair pair = new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, publicKey))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
            return new Decoded(pair, KeyType.ED25519);
        } catch (GeneralSecurityException e) {
            throw new IdentityException(source + ": the JDK cannot build an Ed25519 key (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static Decoded ecdsa(ECPrivateKey ecKey, ASN1Encodable curveParams, String source) throws IdentityException {
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
            return new Decoded(new KeyPair(factory.generatePublic(new ECPublicKeySpec(q, spec)),
                    factory.generatePrivate(new ECPrivateKeySpec(d, spec))), KeyType.SECP256K1);
        } catch (GeneralSecurityException e) {
            throw new IdentityException(source + ": cannot build a secp256k1 key (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
