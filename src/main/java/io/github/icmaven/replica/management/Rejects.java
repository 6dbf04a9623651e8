package io.github.icmaven.replica.management;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.state.Canister;
import java.util.HexFormat;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The rejects of the management canister and of message routing, with the reject codes, IC error
 * codes and message texts of the real replica (dfinity/ic: CanisterManagerError -> UserError,
 * HypervisorError::into_user_error, ingress induction). The "\n<suggestion> See documentation: ..."
 * tails are the replica's ErrorHelp, appended exactly as it does.
 */
public final class Rejects {
    static final String DOCS = "http://internetcomputer.org/docs/current/references/execution-errors#";
    /** Largest slice read_canister_snapshot_data returns. */
    public static final long MAX_SLICE_SIZE_BYTES = 2_000_000L;

    private Rejects() {}

    private static String help(String suggestion, String docSection) {
        return "\n" + suggestion + " See documentation: " + DOCS + docSection;
    }

    public static IcReject canisterNotFound(Principal canisterId) {
        return new IcReject(RejectCode.DESTINATION_INVALID, "IC0301",
                "Canister " + canisterId + " not found."
                        + help("Check the ICP dashboard to ensure the canister exists.", "canister-not-found"));
    }

    public static IcReject notController(Canister canister, Principal sender) {
        // The replica joins the controller set (ascending bytes) with single spaces.
        String controllers = canister.controllers().stream().map(Principal::toText).collect(Collectors.joining(" "));
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0512",
                "Only the controllers of the canister " + canister.id() + " can control it.\n"
                        + "Canister's controllers: " + controllers + "\n"
                        + "Sender's ID: " + sender
                        + help("Execute this call from a controller of the target canister or add the current caller as a controller.",
                                "invalid-controller"));
    }

    public static IcReject canisterIdAlreadyExists(Principal canisterId) {
        return new IcReject(RejectCode.SYS_TRANSIENT, "IC0205",
                "Unsuccessful canister creation: canister id " + canisterId + " already exists.\n"
                        + "This is an internal error on the IC. Please report it to IC devs on the forum: https://forum.dfinity.org");
    }

    public static IcReject invalidSettings(String message) {
        // The replica puts a space before the help tail here.
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0504",
                "Could not validate the settings: " + message + " "
                        + help("Apply the described changes to make the settings valid.", "invalid-settings"));
    }

    public static IcReject tooManyControllers(int max) {
        return invalidSettings("Invalid settings: 'controllers' length exceeds maximum size allowed of " + max + ".");
    }

    public static IcReject canisterNonEmpty(Principal canisterId) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0514",
                "Canister " + canisterId + " cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead."
                        + help("Check that you want to overwrite the canister and, if so, use mode='reinstall'.", "canister-not-empty"));
    }

    /** A message (or an upgrade) for a canister without code. */
    public static IcReject wasmModuleNotFound(Principal canisterId) {
        // The replica appends "." after the error text that already ends with "." — kept verbatim.
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0537",
                "Error from Canister " + canisterId
                        + ": Attempted to execute a message, but the canister contains no Wasm module.."
                        + help("Please install code to this canister before calling it.", "wasm-module-not-found"));
    }

    public static IcReject missingUpgradeOption(String message) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0504", "Missing upgrade option: " + message);
    }

    public static IcReject invalidUpgradeOption(String message) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0504", "Invalid upgrade option: " + message);
    }

    public static IcReject chunkStoreError(String message) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0504",
                "Error from Wasm chunk store: " + message + "."
                        + help("Use the `stored_chunks` API to check which hashes are present or top up the canister if it is low on cycles.",
                                "wasm-chunk-store-error"));
    }

    public static IcReject invalidWasmHash(byte[] hash) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0504", "Invalid wasm hash " + rustDebug(hash));
    }

    public static IcReject snapshotNotFound(Principal canisterId, String snapshotId) {
        return new IcReject(RejectCode.DESTINATION_INVALID, "IC0305",
                "Could not find the snapshot ID " + snapshotId + " for canister " + canisterId + "."
                        + help("Use the `list_canister_snapshot` API to see which snapshots are present.", "canister-snapshot-not-found"));
    }

    public static IcReject snapshotNotOwned(Principal canisterId, String snapshotId) {
        return new IcReject(RejectCode.CANISTER_REJECT, "IC0406",
                "The snapshot " + snapshotId + " does not belong to canister " + canisterId + "."
                        + help("Use the `list_canister_snapshot` API to see which snapshots are present.",
                                "canister-snapshot-invalid-ownership"));
    }

    public static IcReject snapshotSourceNotControlled(Principal sender, Principal canisterId, String snapshotId) {
        return new IcReject(RejectCode.CANISTER_REJECT, "IC0406",
                "Only a controller of the canister that snapshot " + snapshotId + " belongs to can load it on canister "
                        + canisterId + ". Sender: " + sender + ".");
    }

    public static IcReject snapshotOfEmptyCanister(Principal canisterId) {
        return new IcReject(RejectCode.CANISTER_REJECT, "IC0406",
                "Failed to create snapshot for empty canister " + canisterId + ":");
    }

    public static IcReject snapshotLimit(Principal canisterId, int limit) {
        // The replica's doc link for this error is the bare section name, not a URL.
        return new IcReject(RejectCode.CANISTER_REJECT, "IC0406",
                "Canister " + canisterId + " has reached the maximum number of snapshots allowed: " + limit + ".\n"
                        + "Consider deleting an unnecessary snapshot of the specified canister before creating a new one."
                        + " See documentation: canister-snapshot-limit-exceeded");
    }

    public static IcReject snapshotImmutable() {
        return new IcReject(RejectCode.CANISTER_REJECT, "IC0409",
                "Only canister snapshots created by metadata upload can be mutated.");
    }

    public static IcReject invalidSlice(long offset, long size) {
        return new IcReject(RejectCode.CANISTER_REJECT, "IC0408",
                "Invalid subslice into wasm module / main memory / stable memory: offset: "
                        + Long.toUnsignedString(offset) + ", size: " + Long.toUnsignedString(size));
    }

    public static IcReject sliceTooLarge(long requested) {
        return new IcReject(RejectCode.CANISTER_REJECT, "IC0408",
                "Requested slice too large: " + Long.toUnsignedString(requested) + " > " + MAX_SLICE_SIZE_BYTES);
    }

    public static IcReject invalidPayload(String message) {
        return new IcReject(RejectCode.CANISTER_REJECT, "IC0408", message);
    }

    public static IcReject canisterStopped(Principal canisterId) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0508", "Canister " + canisterId + " is stopped");
    }

    public static IcReject canisterStopping(Principal canisterId) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0509", "Canister " + canisterId + " is stopping");
    }

    public static IcReject deleteNotStopped(Principal canisterId) {
        return new IcReject(RejectCode.CANISTER_ERROR, "IC0510",
                "Canister " + canisterId + " must be stopped before it is deleted."
                        + help("Stop the canister before deleting it.", "delete-canister-not-stopped"));
    }

    /** Rust's {@code {:?}} of a byte slice: {@code [1, 2, 255]}. */
    static String rustDebug(byte[] bytes) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (byte b : bytes) {
            j.add(Integer.toString(b & 0xff));
        }
        return j.toString();
    }

    /** Rust's {@code {:02x?}} of a byte slice: {@code [01, 0a, ff]}. */
    static String rustHexDebug(byte[] bytes) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (byte b : bytes) {
            j.add(HexFormat.of().toHexDigits(b));
        }
        return j.toString();
    }
}
