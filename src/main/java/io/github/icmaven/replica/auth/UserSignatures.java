package io.github.icmaven.replica.auth;

import io.github.icmaven.ic.RepresentationIndependentHash;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Verifies user signatures under DER-encoded public keys, for the schemes the IC accepts from users:
 * Ed25519, ECDSA secp256k1 and ECDSA P-256 (the latter two as 64-byte {@code r || s} over SHA-256).
 * WebAuthn and canister signatures are recognised and refused as unsupported.
 */
final class UserSignatures {
    static final String ED25519 = "1.3.101.112";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    static final String SECP256K1 = "1.3.132.0.10";
    static final String PRIME256V1 = "1.2.840.10045.3.1.7";
    static final String COSE = "1.3.6.1.4.1.56387.1.1";
    static final String CANISTER_SIGNATURE = "1.3.6.1.4.1.56387.1.2";

    private UserSignatures() {
    }

    /** Why a signature was refused, worded like the replica's {@code AuthenticationError}. */
    static final class Refusal extends Exception {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Checks {@code signature} on {@code message} under {@code derPublicKey}.
     *
     * @throws Refusal if the key is malformed or unsupported, or the signature does not verify
     */
    static void verify(byte[] derPublicKey, byte[] message, byte[] signature) throws Refusal {
        SubjectPublicKeyInfo info = parse(derPublicKey);
        String algorithm = info.getAlgorithm().getAlgorithm().getId();
        switch (algorithm) {
            case ED25519 -> verifyEd25519(info, derPublicKey, message, signature);
            case EC_PUBLIC_KEY -> verifyEcdsa(info, derPublicKey, message, signature);
            case COSE -> throw new Refusal("WebAuthn (COSE) signatures are not supported by this replica");
            case CANISTER_SIGNATURE -> throw new Refusal(
                    "Invalid canister signature: canister signatures are not supported by this replica");
            default -> throw new Refusal("Invalid public key: unsupported algorithm OID " + algorithm
                    + " in public key " + hex(derPublicKey));
        }
    }

    private static SubjectPublicKeyInfo parse(byte[] der) throws Refusal {
        try {
            return SubjectPublicKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new Refusal("Invalid public key: not a DER SubjectPublicKeyInfo: " + hex(der));
        }
    }

    /** With BouncyCastle: the JDK's Ed25519 takes several times longer, and every request is verified. */
    private static void verifyEd25519(SubjectPublicKeyInfo info, byte[] der, byte[] message, byte[] signature)
            throws Refusal {
        byte[] keyBytes = info.getPublicKeyData().getOctets();
        if (info.getAlgorithm().getParameters() != null || keyBytes.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new Refusal("Invalid public key: malformed Ed25519 public key " + hex(der) + ": expected "
                    + Ed25519PublicKeyParameters.KEY_SIZE + " key bytes and no parameters");
        }
        boolean valid;
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(keyBytes, 0));
            verifier.update(message, 0, message.length);
            valid = signature.length == Ed25519.SIGNATURE_SIZE && verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            valid = false; // e.g. a key that is not a curve point
        }
        if (!valid) {
            throw basicSignatureFailure("Ed25519", der, signature);
        }
    }

    private static void verifyEcdsa(SubjectPublicKeyInfo info, byte[] der, byte[] message, byte[] signature)
            throws Refusal {
        if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curveOid)) {
            throw new Refusal("Invalid public key: ECDSA key without a named curve: " + hex(der));
        }
        String curve = curveOid.getId();
        String name = switch (curve) {
            case SECP256K1 -> "EcdsaSecp256k1";
            case PRIME256V1 -> "EcdsaP256";
            default -> throw new Refusal("Invalid public key: unsupported ECDSA curve " + curve + " in " + hex(der));
        };
        X9ECParameters params = ECNamedCurveTable.getByOID(curveOid);
        ECPoint point;
        try {
            point = params.getCurve().decodePoint(info.getPublicKeyData().getOctets());
        } catch (RuntimeException e) {
            throw new Refusal("Invalid public key: malformed " + name + " point in " + hex(der));
        }
        if (signature.length != 64) {
            throw basicSignatureFailure(name, der, signature);
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(point,
                new ECDomainParameters(params.getCurve(), params.getG(), params.getN(), params.getH())));
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (!verifier.verifySignature(RepresentationIndependentHash.sha256(message), r, s)) {
            throw basicSignatureFailure(name, der, signature);
        }
    }

    private static Refusal basicSignatureFailure(String algorithm, byte[] der, byte[] signature) {
        return new Refusal("Invalid basic signature: " + algorithm + " signature could not be verified: public key "
                + hex(der) + ", signature " + hex(signature));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
