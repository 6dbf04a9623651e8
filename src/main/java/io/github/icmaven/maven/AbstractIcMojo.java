package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.IdentityConfig;
import io.github.icmaven.core.upgrade.InputException;
import io.github.icmaven.core.upgrade.TargetConfig;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Parameters every canister goal shares: which canister, on which network, as whom. */
abstract class AbstractIcMojo extends AbstractMojo {

    /**
     * {@code local} (http://127.0.0.1:4943, root key fetched from it), {@code ic} (https://icp-api.io with
     * the mainnet root key built into the plugin), or an http(s) URL (the root key is fetched only from
     * loopback hosts). Default: {@code local}.
     */
    @Parameter(property = "ic.network", defaultValue = "local")
    String network;

    /**
     * The network's root key, DER as hex (266 digits, as {@code /api/v2/status} reports it), pinned: every
     * certificate, including a subnet delegation and its canister ranges, is verified against it, and no
     * key is fetched. For a replica or testnet whose key you know, e.g. {@code ${ic.replica.rootKey}} from
     * {@code ic:replica-start}. For {@code ic} only the mainnet key is accepted. Default: none.
     */
    @Parameter(property = "ic.rootKey")
    String rootKey;

    /**
     * The canister's principal, e.g. {@code rrkah-fqaaa-aaaaa-aaaaq-cai}; wins over {@code canisterName}.
     * Default: none.
     */
    @Parameter(property = "ic.canisterId")
    String canisterId;

    /** A canister name looked up in {@code canisterIdsFile} under the network's key. Default: none. */
    @Parameter(property = "ic.canisterName")
    String canisterName;

    /** dfx/icp-cli canister ids file. Default: {@code canister_ids.json} in the project directory. */
    @Parameter(property = "ic.canisterIdsFile", defaultValue = "${project.basedir}/canister_ids.json")
    File canisterIdsFile;

    /**
     * Id of a settings.xml {@code <server>} whose {@code <privateKey>} is the path of the identity's PEM
     * file and whose {@code <passphrase>} (decrypted by Maven) unlocks an encrypted PEM. Default: none.
     */
    @Parameter(property = "ic.serverId")
    String serverId;

    /** PEM file of the identity (Ed25519 or secp256k1). Default: none. */
    @Parameter(property = "ic.pemFile")
    File pemFile;

    /** Name of a dfx identity ({@code ~/.config/dfx/identity/<name>/identity.pem}). Default: none. */
    @Parameter(property = "ic.dfxIdentity")
    String dfxIdentity;

    /**
     * Environment variable holding the identity's PEM text, used when no other identity parameter is
     * set. Default: {@code IC_IDENTITY_PEM}.
     */
    @Parameter(property = "ic.pemEnvironmentVariable", defaultValue = "IC_IDENTITY_PEM")
    String pemEnvironmentVariable;

    /** Skips the goal. Default: false. */
    @Parameter(property = "ic.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Component
    SettingsDecrypter settingsDecrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping " + goal() + " (ic.skip)");
            return;
        }
        try {
            run(target());
        } catch (InputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** The goal's name, for messages. */
    abstract String goal();

    abstract void run(TargetConfig target) throws MojoExecutionException, MojoFailureException, InputException;

    TargetConfig target() throws MojoFailureException {
        return new TargetConfig(network, blankToNull(canisterId), blankToNull(canisterName),
                canisterIdsFile == null ? null : canisterIdsFile.toPath(), identity(), blankToNull(rootKey));
    }

    private IdentityConfig identity() throws MojoFailureException {
        Path serverPem = null;
        char[] passphrase = null;
        if (serverId != null && !serverId.isBlank()) {
            Server server = session.getSettings().getServer(serverId);
            if (server == null) {
                throw new MojoFailureException("<serverId> (ic.serverId): settings.xml has no <server> with id '"
                        + serverId + "'");
            }
            SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : decrypted.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new MojoFailureException("<serverId> (ic.serverId): cannot decrypt server '" + serverId
                            + "': " + problem.getMessage());
                }
            }
            Server plain = decrypted.getServer();
            if (plain.getPrivateKey() == null || plain.getPrivateKey().isBlank()) {
                throw new MojoFailureException("<serverId> (ic.serverId): server '" + serverId
                        + "' in settings.xml needs <privateKey> with the path of the identity's PEM file");
            }
            serverPem = Path.of(plain.getPrivateKey());
            passphrase = plain.getPassphrase() == null ? null : plain.getPassphrase().toCharArray();
        }
        return new IdentityConfig(blankToNull(serverId), serverPem, passphrase, pemFile == null ? null : pemFile.toPath(),
                blankToNull(dfxIdentity), blankToNull(pemEnvironmentVariable));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
