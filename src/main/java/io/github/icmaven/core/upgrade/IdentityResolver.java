package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.identity.IdentityException;
import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.ic.identity.LoadedIdentity;

import java.util.function.Function;

/** Loads the identity an {@link IdentityConfig} points at; failures name the parameter that chose the source. */
final class IdentityResolver {
    static final String DEFAULT_PEM_ENVIRONMENT_VARIABLE = "IC_IDENTITY_PEM";

    private final IdentityLoader loader;
    private final Function<String, String> environment;

    IdentityResolver(IdentityLoader loader, Function<String, String> environment) {
        this.loader = loader;
        this.environment = environment;
    }

    LoadedIdentity load(IdentityConfig config) throws InputException {
        IdentityConfig c = config == null ? new IdentityConfig(null, null, null, null, null, null) : config;
        try {
            if (c.serverPemFile() != null) {
                LoadedIdentity fromServer = loader.fromPemFile(c.serverPemFile(), c.serverPassphrase());
                return new LoadedIdentity(fromServer.identity(), fromServer.principal(), fromServer.keyType(),
                        "settings.xml server '" + c.serverId() + "' (" + fromServer.source() + ")");
            }
            if (c.pemFile() != null) {
                return loader.fromPemFile(c.pemFile());
            }
            if (c.dfxIdentity() != null && !c.dfxIdentity().isBlank()) {
                return loader.fromDfxIdentity(c.dfxIdentity().trim());
            }
        } catch (IdentityException e) {
            throw new InputException(c.serverPemFile() != null ? ParameterName.SERVER_ID
                    : c.pemFile() != null ? ParameterName.PEM_FILE : ParameterName.DFX_IDENTITY,
                    (c.serverPemFile() != null ? "server '" + c.serverId() + "': " : "")
                            + CandidInput.oneLine(e.getMessage()));
        }
        String variable = c.pemEnvironmentVariable() == null || c.pemEnvironmentVariable().isBlank()
                ? DEFAULT_PEM_ENVIRONMENT_VARIABLE : c.pemEnvironmentVariable().trim();
        String pem = environment.apply(variable);
        if (pem == null || pem.isBlank()) {
            throw new InputException(ParameterName.PEM_FILE, "No identity to sign with: set " + ParameterName.SERVER_ID
                    + ", " + ParameterName.PEM_FILE + " or " + ParameterName.DFX_IDENTITY
                    + ", or put the PEM text in the environment variable " + variable + " (" + ParameterName.PEM_ENVIRONMENT_VARIABLE + ")",
                    true);
        }
        try {
            return loader.fromPemText(pem, "environment variable " + variable);
        } catch (IdentityException e) {
            throw new InputException(ParameterName.PEM_ENVIRONMENT_VARIABLE, CandidInput.oneLine(e.getMessage()));
        }
    }
}
