package io.github.icmaven.core.ic.identity;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.OpenSSLPBEParametersGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Decrypts passphrase-protected private keys with BouncyCastle's lightweight API (ic4j cannot read
 * them): PKCS#8 {@code ENCRYPTED PRIVATE KEY} with PBES2 (PBKDF2 or scrypt, AES-CBC) as written by
 * {@code openssl genpkey -aes256} / {@code openssl pkcs8 -topk8}, and the traditional OpenSSL form with
 * {@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info: AES-xxx-CBC}.
 */
final class PemDecryptor {
    private static final ASN1ObjectIdentifier SCRYPT = new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11");
    private static final Map<ASN1ObjectIdentifier, Integer> AES_CBC_KEY_BYTES = Map.of(
            NISTObjectIdentifiers.id_aes128_CBC, 16,
            NISTObjectIdentifiers.id_aes192_CBC, 24,
            NISTObjectIdentifiers.id_aes256_CBC, 32);

    private PemDecryptor() {}

    /** The DER PrivateKeyInfo inside a PKCS#8 EncryptedPrivateKeyInfo. */
    static byte[] decryptPkcs8(byte[] der, char[] passphrase, String source) throws IdentityException {
        EncryptedPrivateKeyInfo info;
        try {
            info = EncryptedPrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new IdentityException(source + ": the ENCRYPTED PRIVATE KEY block is not a valid PKCS#8 structure");
        }
        ASN1ObjectIdentifier scheme = info.getEncryptionAlgorithm().getAlgorithm();
        if (!PKCSObjectIdentifiers.id_PBES2.equals(scheme)) {
            throw new IdentityException(source + ": unsupported key encryption " + scheme
                    + " (supported: PBES2 with PBKDF2 or scrypt and AES-CBC, e.g. `openssl pkcs8 -topk8 -v2 aes-256-cbc`)");
        }
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
        EncryptionScheme encryption = pbes2.getEncryptionScheme();
        Integer keyBytes = AES_CBC_KEY_BYTES.get(encryption.getAlgorithm());
        if (keyBytes == null) {
            throw new IdentityException(source + ": unsupported cipher " + encryption.getAlgorithm()
                    + " (supported: AES-128/192/256-CBC)");
        }
        byte[] iv = ASN1OctetString.getInstance(encryption.getParameters()).getOctets();
        byte[] key = deriveKey(pbes2.getKeyDerivationFunc(), passphrase, keyBytes, source);
        return aesCbcDecrypt(key, iv, info.getEncryptedData(), source);
    }

    /** The DER inside a traditional OpenSSL PEM block encrypted per its DEK-Info header. */
    static byte[] decryptTraditional(PemBlock block, char[] passphrase, String source) throws IdentityException {
        String dekInfo = block.headers().getOrDefault("DEK-Info", "");
        int comma = dekInfo.indexOf(',');
        if (comma < 0) {
            throw new IdentityException(source + ": encrypted PEM block without a usable DEK-Info header");
        }
        String cipher = dekInfo.substring(0, comma).trim().toUpperCase(Locale.ROOT);
        int keyBytes = switch (cipher) {
            case "AES-128-CBC" -> 16;
            case "AES-192-CBC" -> 24;
            case "AES-256-CBC" -> 32;
            default -> throw new IdentityException(source + ": unsupported PEM cipher " + cipher
                    + " (supported: AES-128/192/256-CBC; convert with `openssl pkcs8 -topk8 -v2 aes-256-cbc`)");
        };
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IdentityException(source + ": the DEK-Info IV is not hexadecimal");
        }
        if (iv.length != 16) {
            throw new IdentityException(source + ": the DEK-Info IV must be 16 bytes for " + cipher);
        }
        // OpenSSL's EVP_BytesToKey: MD5, one iteration, salt = first 8 bytes of the IV.
        OpenSSLPBEParametersGenerator generator = new OpenSSLPBEParametersGenerator();
        byte[] password = utf8(passphrase);
        try {
            generator.init(password, Arrays.copyOf(iv, 8));
            byte[] key = ((KeyParameter) generator.generateDerivedParameters(keyBytes * 8)).getKey();
            return aesCbcDecrypt(key, iv, block.der(), source);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static byte[] deriveKey(KeyDerivationFunc kdf, char[] passphrase, int keyBytes, String source)
            throws IdentityException {
        byte[] password = utf8(passphrase);
        try {
            if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
                PBKDF2Params params = PBKDF2Params.getInstance(kdf.getParameters());
                PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(prf(params, source));
                generator.init(password, params.getSalt(), params.getIterationCount().intValueExact());
                return ((KeyParameter) generator.generateDerivedParameters(keyBytes * 8)).getKey();
            }
            if (SCRYPT.equals(kdf.getAlgorithm())) {
                ASN1Sequence params = ASN1Sequence.getInstance(kdf.getParameters());
                byte[] salt = ASN1OctetString.getInstance(params.getObjectAt(0)).getOctets();
                int cost = integer(params.getObjectAt(1));
                int blockSize = integer(params.getObjectAt(2));
                int parallelization = integer(params.getObjectAt(3));
                return SCrypt.generate(password, salt, cost, blockSize, parallelization, keyBytes);
            }
            throw new IdentityException(source + ": unsupported key derivation " + kdf.getAlgorithm()
                    + " (supported: PBKDF2, scrypt)");
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static Digest prf(PBKDF2Params params, String source) throws IdentityException {
        if (params.isDefaultPrf()) {
            return new SHA1Digest();
        }
        ASN1ObjectIdentifier prf = params.getPrf().getAlgorithm();
        if (PKCSObjectIdentifiers.id_hmacWithSHA1.equals(prf)) {
            return new SHA1Digest();
        }
        if (PKCSObjectIdentifiers.id_hmacWithSHA224.equals(prf)) {
            return new SHA224Digest();
        }
        if (PKCSObjectIdentifiers.id_hmacWithSHA256.equals(prf)) {
            return new SHA256Digest();
        }
        if (PKCSObjectIdentifiers.id_hmacWithSHA384.equals(prf)) {
            return new SHA384Digest();
        }
        if (PKCSObjectIdentifiers.id_hmacWithSHA512.equals(prf)) {
            return new SHA512Digest();
        }
        throw new IdentityException(source + ": unsupported PBKDF2 PRF " + prf);
    }

    private static byte[] aesCbcDecrypt(byte[] key, byte[] iv, byte[] ciphertext, String source) throws IdentityException {
        BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()));
        CipherParameters params = new ParametersWithIV(new KeyParameter(key), iv);
        cipher.init(false, params);
        byte[] out = new byte[cipher.getOutputSize(ciphertext.length)];
        try {
            int n = cipher.processBytes(ciphertext, 0, ciphertext.length, out, 0);
            n += cipher.doFinal(out, n);
            return Arrays.copyOf(out, n);
        } catch (InvalidCipherTextException | RuntimeException e) {
            // Bad padding is what a wrong passphrase looks like.
            throw new IdentityException(source + ": cannot decrypt the private key: wrong passphrase?");
        } finally {
            Arrays.fill(out, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    private static int integer(ASN1Encodable value) {
        return ASN1Integer.getInstance(value).getValue().intValueExact();
    }

    private static byte[] utf8(char[] passphrase) {
        java.nio.ByteBuffer buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(passphrase));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
