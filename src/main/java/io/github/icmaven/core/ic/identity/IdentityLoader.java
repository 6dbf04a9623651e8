package io.github.icmaven.core.ic.identity;

import io.github.icmaven.ic.Principal;
import org.ic4j.agent.identity.Identity;
import org.ic4j.agent.identity.Secp256k1Identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Loads signing identities from PEM files, PEM text (e.g. an environment variable), dfx identities and
 * passphrase-protected PEMs. Supported keys: Ed25519 (dfx layout, PKCS#8 v1 as written by
 * {@code openssl genpkey}, PKCS#8 v2) and secp256k1 (SEC1 {@code EC PRIVATE KEY} and PKCS#8).
 * Messages name the source and the problem, never the key.
 */
public final class IdentityLoader {
    private static final Pattern DFX_IDENTITY_NAME = Pattern.compile("[A-Za-z0-9._@-]+");

    private final Path dfxIdentityDirectory;

    /** Reads dfx identities from {@code $DFX_CONFIG_ROOT/.config/dfx/identity} or {@code ~/.config/dfx/identity}. */
    public IdentityLoader() {
        this(defaultDfxIdentityDirectory());
    }

    /** @param dfxIdentityDirectory the directory holding one sub-directory per dfx identity */
    public IdentityLoader(Path dfxIdentityDirectory) {
        this.dfxIdentityDirectory = dfxIdentityDirectory;
    }

    public static Path defaultDfxIdentityDirectory() {
        String configRoot = System.getenv("DFX_CONFIG_ROOT");
        Path base = configRoot != null && !configRoot.isBlank() ? Path.of(configRoot) : Path.of(System.getProperty("user.home"));
        return base.resolve(".config").resolve("dfx").resolve("identity");
    }

    /** An unencrypted PEM file. */
    public LoadedIdentity fromPemFile(Path pemFile) throws IdentityException {
        return fromPemText(read(pemFile), pemFile.toString(), null);
    }

    /** A PEM file, decrypted with {@code passphrase} if it is encrypted. */
    public LoadedIdentity fromPemFile(Path pemFile, char[] passphrase) throws IdentityException {
        return fromPemText(read(pemFile), pemFile.toString(), passphrase);
    }

    /**
     * PEM text, e.g. from an environment variable.
     *
     * @param source names the text in messages, e.g. "environment variable IC_IDENTITY_PEM"
     */
    public LoadedIdentity fromPemText(String pem, String source) throws IdentityException {
        return fromPemText(pem, source, null);
    }

    /**
     * PEM text, decrypted with {@code passphrase} if it is encrypted.
     *
     * @param passphrase null for an unencrypted key; the caller should clear the array afterwards
     */
    public LoadedIdentity fromPemText(String pem, String source, char[] passphrase) throws IdentityException {
        if (pem == null || pem.isBlank()) {
            throw new IdentityException(source + " is empty");
        }
        PrivateKeys.Decoded decoded = decode(PemBlock.parseAll(pem, source), source, passphrase);
        return toIdentity(decoded, source);
    }

    /** The dfx identity {@code name} ({@code <dfx identity dir>/<name>/identity.pem}). */
    public LoadedIdentity fromDfxIdentity(String name) throws IdentityException {
        if (name == null || !DFX_IDENTITY_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IdentityException("'" + name + "' is not a valid dfx identity name (letters, digits, . _ @ -)");
        }
        String source = "dfx identity '" + name + "'";
        Path directory = dfxIdentityDirectory.resolve(name);
        Path pem = directory.resolve("identity.pem");
        if (Files.isRegularFile(pem)) {
            return fromPemText(read(pem), source + " (" + pem + ")", null);
        }
        if (Files.isRegularFile(directory.resolve("identity.pem.encrypted"))) {
            throw new IdentityException(source + " is encrypted with dfx's own scheme, which this plugin cannot read. "
                    + "Export it (`dfx identity export " + name + " > key.pem`), then give the plugin that PEM file, "
                    + "optionally re-encrypted with `openssl pkcs8 -topk8 -v2 aes-256-cbc` and a passphrase");
        }
        if (Files.isDirectory(directory)) {
            throw new IdentityException(source + " has no identity.pem in " + directory
                    + " (it may live in the system keyring or a hardware device); export it with `dfx identity export "
                    + name + "` and use the PEM");
        }
        throw new IdentityException(source + " does not exist: no directory " + directory);
    }

    private static PrivateKeys.Decoded decode(List<PemBlock> blocks, String source, char[] passphrase)
            throws IdentityException {
        for (PemBlock block : blocks) {
            boolean traditionalEncryption = block.headers().getOrDefault("Proc-Type", "").contains("ENCRYPTED");
            switch (block.label()) {
                case "PRIVATE KEY":
                    return PrivateKeys.fromPkcs8(block.der(), source);
                case "EC PRIVATE KEY":
                    return Secp256k1Keys.fromSec1(traditionalEncryption
                            ? PemDecryptor.decryptTraditional(block, requirePassphrase(passphrase, source), source)
                            : block.der(), source);
                case "ENCRYPTED PRIVATE KEY":
                    return PrivateKeys.fromPkcs8(
                            PemDecryptor.decryptPkcs8(block.der(), requirePassphrase(passphrase, source), source), source);
                case "EC PARAMETERS":
                    continue; // written before the key by `openssl ecparam -genkey`
                case "RSA PRIVATE KEY":
                    throw new IdentityException(source + ": RSA keys cannot sign IC messages (supported: Ed25519, secp256k1)");
                default:
                    break;
            }
        }
        throw new IdentityException(source + " holds no private key (found "
                + String.join(", ", blocks.stream().map(b -> "'" + b.label() + "'").toList()) + " blocks)");
    }

    private static char[] requirePassphrase(char[] passphrase, String source) throws IdentityException {
        if (passphrase == null || passphrase.length == 0) {
            throw new IdentityException(source + " is encrypted: a passphrase is required");
        }
        return passphrase;
    }

    private static LoadedIdentity toIdentity(PrivateKeys.Decoded decoded, String source) {
        Identity identity = switch (decoded.type()) {
            case ED25519 -> Ed25519Identity.of(decoded.keyPair());
            case SECP256K1 -> {
                Secp256k1Keys.bouncyCastle();
                yield Secp256k1Identity.fromKeyPair(decoded.keyPair());
            }
        };
        Principal principal = Principal.selfAuthenticating(decoded.keyPair().getPublic().getEncoded());
        return new LoadedIdentity(identity, principal, decoded.type(), source);
    }

    private static String read(Path file) throws IdentityException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IdentityException("PEM file " + file + " does not exist");
        } catch (IOException e) {
            throw new IdentityException("Cannot read PEM file " + file + ": " + e.getMessage(), e);
        }
    }
}
