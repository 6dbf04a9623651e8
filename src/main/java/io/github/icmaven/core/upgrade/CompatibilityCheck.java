package io.github.icmaven.core.upgrade;

import io.github.icmaven.candid.CandidException;
import io.github.icmaven.candid.CandidInterface;
import io.github.icmaven.candid.CandidSubtyping;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.motoko.StableCompatibility;
import io.github.icmaven.motoko.StableSignature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Preflight checks that an upgrade the IC would accept does not break the canister's users: the new Candid
 * interface must be a subtype of the deployed one ({@code candidCheck}), and a Motoko module must be able to
 * take over the deployed module's stable variables ({@code stableCheck}). The deployed side is the canister's
 * certified metadata, the new side the module's own sections (or {@code candidFile}). A side without the
 * section is a warning: nothing to compare.
 */
final class CompatibilityCheck {
    static final String CANDID_SERVICE = "candid:service";
    static final String STABLE_TYPES = "motoko:stable-types";

    /** The deployed module's metadata, as the canister publishes it (read_state). */
    interface DeployedMetadata {
        Optional<byte[]> read(String name) throws IcCallException;
    }

    private final UpgradeConfig config;
    private final UpgradeListener listener;
    private final String canister;

    /** @param canister the canister as messages name it */
    CompatibilityCheck(UpgradeConfig config, UpgradeListener listener, String canister) {
        this.config = config;
        this.listener = listener;
        this.canister = canister;
    }

    /**
     * @return what was checked, for the preflight line
     * @throws IncompatibleUpgradeException when a check set to {@code fail} finds the upgrade breaks something
     * @throws InputException when {@code candidFile} cannot be read or parsed
     */
    String run(WasmModule module, DeployedMetadata deployed) throws IncompatibleUpgradeException, InputException {
        ModuleMetadata sections = ModuleMetadata.of(module);
        List<String> done = new ArrayList<>();
        candid(sections, deployed).ifPresent(done::add);
        stable(sections, deployed).ifPresent(done::add);
        return String.join(", ", done);
    }

    private Optional<String> candid(ModuleMetadata sections, DeployedMetadata deployed)
            throws IncompatibleUpgradeException, InputException {
        if (config.candidCheck() == CheckMode.SKIP) {
            return Optional.empty();
        }
        Optional<String> newText = config.candidFile() != null ? Optional.of(readCandidFile())
                : sections.text(CANDID_SERVICE);
        if (newText.isEmpty()) {
            listener.warn("The new module has no " + CANDID_SERVICE + " section and " + ParameterName.CANDID_FILE
                    + " is not set: the interface of " + canister + " was not checked for compatibility.");
            return Optional.empty();
        }
        Optional<String> oldText = deployedText(deployed, CANDID_SERVICE, "interface was");
        if (oldText.isEmpty()) {
            return Optional.empty();
        }
        CandidInterface newer;
        CandidInterface older;
        try {
            newer = CandidInterface.parse(newText.get());
        } catch (CandidException e) {
            if (config.candidFile() != null) {
                throw new InputException(ParameterName.CANDID_FILE, config.candidFile() + ": " + e.getMessage());
            }
            listener.warn("Could not read the new module's " + CANDID_SERVICE + " (" + e.getMessage()
                    + "): the interface of " + canister + " was not checked for compatibility.");
            return Optional.empty();
        }
        try {
            older = CandidInterface.parse(oldText.get());
        } catch (CandidException e) {
            listener.warn("Could not read the deployed " + CANDID_SERVICE + " of " + canister + " (" + e.getMessage()
                    + "): its interface was not checked for compatibility.");
            return Optional.empty();
        }
        CandidSubtyping.Verdict verdict = CandidSubtyping.serviceCompatible(newer, older);
        verdict.warnings().forEach(w -> listener.warn("Candid interface of " + canister + ": " + w));
        if (!verdict.compatible()) {
            decide(config.candidCheck(), "The new Candid interface of " + canister + " breaks clients of the deployed one: "
                    + String.join("; ", verdict.incompatibilities()), ParameterName.CANDID_CHECK);
            return Optional.of("interface NOT compatible (" + verdict.incompatibilities().size() + " methods, warned)");
        }
        return Optional.of("interface compatible (" + older.methods().size() + " methods kept)");
    }

    private Optional<String> stable(ModuleMetadata sections, DeployedMetadata deployed)
            throws IncompatibleUpgradeException {
        Optional<String> newText = sections.text(STABLE_TYPES);
        if (config.stableCheck() == CheckMode.SKIP || newText.isEmpty()) {
            return Optional.empty(); // not a Motoko module
        }
        Optional<String> oldText = deployedText(deployed, STABLE_TYPES, "stable variables were");
        if (oldText.isEmpty()) {
            return Optional.empty();
        }
        StableCompatibility.Verdict verdict;
        try {
            verdict = StableCompatibility.check(StableSignature.parse(oldText.get()), StableSignature.parse(newText.get()));
        } catch (IllegalArgumentException e) {
            listener.warn("Could not read a " + STABLE_TYPES + " section (" + e.getMessage() + "): the stable "
                    + "variables of " + canister + " were not checked for compatibility.");
            return Optional.empty();
        }
        verdict.warnings().forEach(w -> listener.warn("Motoko stable variables of " + canister + ": " + w));
        if (!verdict.compatible()) {
            decide(config.stableCheck(), "The new module cannot take over the stable variables of " + canister + ": "
                    + String.join("; ", verdict.errors()), ParameterName.STABLE_CHECK);
            return Optional.of("stable variables NOT compatible (warned)");
        }
        return Optional.of("stable variables compatible");
    }

    private void decide(CheckMode mode, String problem, ParameterName parameter) throws IncompatibleUpgradeException {
        if (mode == CheckMode.FAIL) {
            throw new IncompatibleUpgradeException(problem + ". Nothing was changed. Fix the new module, or set "
                    + parameter + " to warn to upgrade anyway.");
        }
        listener.warn(problem + ". Upgrading anyway (" + parameter + " = warn).");
    }

    private Optional<String> deployedText(DeployedMetadata deployed, String name, String what) {
        try {
            Optional<byte[]> bytes = deployed.read(name);
            if (bytes.isEmpty()) {
                listener.warn("The deployed module of " + canister + " has no " + name + " metadata: its " + what
                        + " not checked for compatibility.");
            }
            return bytes.map(b -> new String(b, StandardCharsets.UTF_8));
        } catch (IcCallException e) {
            listener.warn("Could not read the " + name + " metadata of " + canister + " ("
                    + CandidInput.oneLine(e.getMessage()) + "): its " + what + " not checked for compatibility.");
            return Optional.empty();
        }
    }

    private String readCandidFile() throws InputException {
        try {
            return Files.readString(config.candidFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(ParameterName.CANDID_FILE, "cannot read " + config.candidFile() + ": " + e.getMessage());
        }
    }
}
