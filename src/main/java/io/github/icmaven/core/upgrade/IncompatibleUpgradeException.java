package io.github.icmaven.core.upgrade;

/** The new module would break the deployed canister's clients or state: refused before anything changes. */
final class IncompatibleUpgradeException extends Exception {
    IncompatibleUpgradeException(String message) {
        super(message);
    }
}
