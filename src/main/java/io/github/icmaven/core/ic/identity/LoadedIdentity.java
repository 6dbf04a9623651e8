package io.github.icmaven.core.ic.identity;

import io.github.icmaven.ic.Principal;
import org.ic4j.agent.identity.Identity;

/**
 * An ic4j identity ready to sign, with its principal.
 *
 * @param source where it came from, for messages (a path, "environment variable X", "dfx identity 'y'")
 */
public record LoadedIdentity(Identity identity, Principal principal, KeyType keyType, String source) {
    @Override
    public String toString() {
        // The default record text would include the ic4j object; keep it to harmless facts.
        return keyType + " identity " + principal + " from " + source;
    }
}
