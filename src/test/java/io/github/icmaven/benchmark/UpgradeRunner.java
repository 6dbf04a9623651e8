package io.github.icmaven.benchmark;

import java.net.URI;
import java.nio.file.Path;

/** One tool upgrading one canister: stop, snapshot (replacing the previous one), install in upgrade mode, start. */
interface UpgradeRunner {
    /** A short name for the report. */
    String name();

    /** Upgrades the canister to {@code wasm} through the replica at {@code replica}; throws if the upgrade failed. */
    void upgrade(URI replica, Path wasm) throws Exception;
}
