package io.github.icmaven.core.upgrade;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code ic:upgrade} was asked to do for one canister, as plain values (no Maven types). Built with
 * {@link #builder}; {@link #toBuilder} changes a copy.
 *
 * @param wasm module file, raw or gzip
 * @param arg upgrade argument as Candid text; null means {@code ()} unless argHex or argFile is set
 * @param argHex upgrade argument as hex of a Candid message
 * @param argFile file holding the argument: binary if it starts with {@code DIDL}, else Candid text
 * @param skipSnapshot take no snapshot (then a failed upgrade cannot be restored)
 * @param noOverwrite never replace or delete an existing snapshot
 * @param force upgrade even when the canister already runs this module
 * @param healthCheck null for no health check
 * @param dryRun check and print the plan, change nothing
 * @param backupDirectory null for no off-chain backup; else the upgrade's snapshot is downloaded into a
 *     subdirectory named after it before installing
 * @param candidCheck what an interface the deployed one's clients cannot use does to the upgrade
 * @param candidFile the new interface (.did); null to read the module's {@code candid:service} section
 * @param stableCheck what Motoko stable variables the new module cannot take over do to the upgrade
 * @param allowMemoryWipe lets {@code wasmMemoryPersistence = replace} erase a canister with enhanced orthogonal persistence
 * @param preserve query methods, each {@code name} or {@code name(Candid args)}, whose replies must not change
 * @param wasmArtifact the Maven coordinates {@code wasm} was resolved from, for the report; null when the module
 *     was given as a file
 */
public record UpgradeConfig(TargetConfig target, Path wasm, String arg, String argHex, Path argFile,
        boolean skipSnapshot, boolean noOverwrite, boolean force, boolean skipPreUpgrade,
        PersistenceChoice wasmMemoryPersistence, HealthCheckConfig healthCheck, boolean dryRun, Path backupDirectory,
        CheckMode candidCheck, Path candidFile, CheckMode stableCheck, boolean allowMemoryWipe, List<String> preserve, String wasmArtifact) {

    public UpgradeConfig {
        if (wasmMemoryPersistence == null) {
            wasmMemoryPersistence = PersistenceChoice.AUTO;
        }
        candidCheck = candidCheck == null ? CheckMode.FAIL : candidCheck;
        stableCheck = stableCheck == null ? CheckMode.FAIL : stableCheck;
        preserve = preserve == null ? List.of() : List.copyOf(preserve);
    }

    /** A plain upgrade with defaults: snapshot, no health check. */
    public static UpgradeConfig of(TargetConfig target, Path wasm) {
        return builder(target, wasm).build();
    }

    /** Starts from the defaults: argument {@code ()}, a rolling snapshot, no health check, no backup. */
    public static Builder builder(TargetConfig target, Path wasm) {
        return new Builder().target(target).wasm(wasm);
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        return new Builder().target(target).wasm(wasm).arg(arg).argHex(argHex).argFile(argFile)
                .skipSnapshot(skipSnapshot).noOverwrite(noOverwrite).force(force).skipPreUpgrade(skipPreUpgrade)
                .wasmMemoryPersistence(wasmMemoryPersistence).healthCheck(healthCheck).dryRun(dryRun)
                .backupDirectory(backupDirectory).candidCheck(candidCheck).candidFile(candidFile)
                .stableCheck(stableCheck).allowMemoryWipe(allowMemoryWipe).preserve(preserve)
                .wasmArtifact(wasmArtifact);
    }

    /** Named setters for the record's components; unset ones keep the defaults of {@link #builder}. */
    public static final class Builder {
        private TargetConfig target;
        private Path wasm;
        private String arg;
        private String argHex;
        private Path argFile;
        private boolean skipSnapshot;
        private boolean noOverwrite;
        private boolean force;
        private boolean skipPreUpgrade;
        private PersistenceChoice wasmMemoryPersistence = PersistenceChoice.AUTO;
        private HealthCheckConfig healthCheck;
        private boolean dryRun;
        private Path backupDirectory;
        private CheckMode candidCheck = CheckMode.FAIL;
        private Path candidFile;
        private CheckMode stableCheck = CheckMode.FAIL;
        private boolean allowMemoryWipe;
        private List<String> preserve = List.of();
        private String wasmArtifact;

        private Builder() {
        }

        public Builder target(TargetConfig value) {
            target = value;
            return this;
        }

        public Builder wasm(Path value) {
            wasm = value;
            return this;
        }

        public Builder arg(String value) {
            arg = value;
            return this;
        }

        public Builder argHex(String value) {
            argHex = value;
            return this;
        }

        public Builder argFile(Path value) {
            argFile = value;
            return this;
        }

        public Builder skipSnapshot(boolean value) {
            skipSnapshot = value;
            return this;
        }

        public Builder noOverwrite(boolean value) {
            noOverwrite = value;
            return this;
        }

        public Builder force(boolean value) {
            force = value;
            return this;
        }

        public Builder skipPreUpgrade(boolean value) {
            skipPreUpgrade = value;
            return this;
        }

        public Builder wasmMemoryPersistence(PersistenceChoice value) {
            wasmMemoryPersistence = value;
            return this;
        }

        public Builder healthCheck(HealthCheckConfig value) {
            healthCheck = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder backupDirectory(Path value) {
            backupDirectory = value;
            return this;
        }

        public Builder candidCheck(CheckMode value) {
            candidCheck = value;
            return this;
        }

        public Builder candidFile(Path value) {
            candidFile = value;
            return this;
        }

        public Builder stableCheck(CheckMode value) {
            stableCheck = value;
            return this;
        }

        public Builder allowMemoryWipe(boolean value) {
            allowMemoryWipe = value;
            return this;
        }

        public Builder preserve(List<String> value) {
            preserve = value;
            return this;
        }

        public Builder wasmArtifact(String value) {
            wasmArtifact = value;
            return this;
        }

        public UpgradeConfig build() {
            return new UpgradeConfig(target, wasm, arg, argHex, argFile, skipSnapshot, noOverwrite, force,
                    skipPreUpgrade, wasmMemoryPersistence, healthCheck, dryRun, backupDirectory, candidCheck,
                    candidFile, stableCheck, allowMemoryWipe, preserve, wasmArtifact);
        }
    }
}
