package io.github.icmaven.core.ic;

import io.github.icmaven.ic.Principal;

/** Converts between our principal type and ic4j's, which signals bad input with an {@code Error}. */
final class Ic4jPrincipals {
    private Ic4jPrincipals() {}

    static org.ic4j.types.Principal toIc4j(Principal principal) {
        try {
            return org.ic4j.types.Principal.from(principal.bytes());
        } catch (org.ic4j.types.PrincipalError e) {
            throw new IllegalArgumentException("ic4j cannot represent principal " + principal + ": " + e.getMessage(), e);
        }
    }

    static Principal fromIc4j(org.ic4j.types.Principal principal) {
        return Principal.of(principal.getValue());
    }
}
