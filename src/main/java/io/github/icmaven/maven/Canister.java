package io.github.icmaven.maven;

import java.io.File;
import java.util.List;

/**
 * One {@code <canister>} of {@code ic:upgrade}'s {@code <canisters>}: which canister and what to install in it.
 * Fields left out take the goal's own value ({@code healthQuery}, {@code healthTimeout},
 * {@code wasmMemoryPersistence}, {@code skipPreUpgrade}, {@code candidCheck}, {@code stableCheck},
 * {@code allowMemoryWipe}, {@code preserve}) or their default ({@code arg}: {@code ()}).
 */
public class Canister {
    /** The canister's principal; wins over {@code canisterName}. */
    String canisterId;

    /** A name looked up in the goal's {@code canisterIdsFile}. */
    String canisterName;

    /** The module to install, raw or gzip. Required, unless {@code wasmArtifact} is set. */
    File wasm;

    /** The module as Maven coordinates, {@code groupId:artifactId:version[:type[:classifier]]}; instead of {@code wasm}. */
    String wasmArtifact;

    /** Upgrade argument as Candid text. */
    String arg;

    /** Upgrade argument as hex of a Candid message. */
    String argHex;

    /** File holding the upgrade argument (binary when it starts with {@code DIDL}, else Candid text). */
    File argFile;

    /** Health check method; none when left out. */
    String healthMethod;

    /** Health check argument, Candid text. Default {@code ()}. */
    String healthArg;

    /** The reply the health check must give, Candid text or hex; any reply when left out. */
    String healthExpected;

    /** Health check as a query (true) or update call (false). */
    Boolean healthQuery;

    /** Seconds the health check may retry transient failures. */
    Integer healthTimeout;

    /** {@code auto}, {@code keep} or {@code replace}. */
    String wasmMemoryPersistence;

    /** Does not run the old module's {@code canister_pre_upgrade}. */
    Boolean skipPreUpgrade;

    /** {@code fail}, {@code warn} or {@code skip}: an interface that breaks the deployed one's clients. */
    String candidCheck;

    /** The new Candid interface (.did); default the module's {@code candid:service} section. */
    File candidFile;

    /** {@code fail}, {@code warn} or {@code skip}: Motoko stable variables the new module cannot take over. */
    String stableCheck;

    /** Lets {@code wasmMemoryPersistence = replace} erase a canister with enhanced orthogonal persistence. */
    Boolean allowMemoryWipe;

    /** Query methods whose replies must be the same before and after the upgrade. */
    List<String> preserve;
}
