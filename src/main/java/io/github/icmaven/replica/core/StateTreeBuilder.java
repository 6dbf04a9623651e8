package io.github.icmaven.replica.core;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborTag;
import io.github.icmaven.replica.certification.LabeledTree;
import io.github.icmaven.encoding.Leb128;
import io.github.icmaven.replica.ingress.IngressHistory.CallStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Assembles the certified system state tree (index.md, "The system state tree") from the replica's state. */
final class StateTreeBuilder {
    private final LabeledTree.Builder tree = LabeledTree.builder();

    StateTreeBuilder time(long nowNanos) {
        tree.put(leb128(nowNanos), "time");
        return this;
    }

    StateTreeBuilder subnet(Principal subnetId, byte[] rootKeyDer, Principal nodeId, byte[] nodeKeyDer,
                            Principal rangeStart, Principal rangeEnd) {
        byte[] sid = subnetId.bytes();
        byte[] ranges = Cbor.encode(CborTag.selfDescribed(List.of(List.of(rangeStart.bytes(), rangeEnd.bytes()))));
        tree.put(rootKeyDer, "subnet", sid, "public_key");
        tree.put(utf8("application"), "subnet", sid, "type");
        tree.put(ranges, "subnet", sid, "canister_ranges");
        tree.put(nodeKeyDer, "subnet", sid, "node", nodeId.bytes(), "public_key");
        tree.put(ranges, "canister_ranges", sid, rangeStart.bytes());
        return this;
    }

    StateTreeBuilder requestStatus(CallStatus status) {
        byte[] id = status.requestId();
        if (status.processing()) {
            tree.put(utf8("processing"), "request_status", id, "status");
        } else if (status.replied()) {
            tree.put(utf8("replied"), "request_status", id, "status");
            tree.put(status.reply(), "request_status", id, "reply");
        } else {
            tree.put(utf8("rejected"), "request_status", id, "status");
            tree.put(leb128(status.rejectCode()), "request_status", id, "reject_code");
            tree.put(utf8(status.rejectMessage()), "request_status", id, "reject_message");
            tree.put(utf8(status.errorCode()), "request_status", id, "error_code");
        }
        return this;
    }

    StateTreeBuilder canister(CanisterView canister) {
        byte[] cid = canister.id().bytes();
        tree.put(canister.certifiedData(), "canister", cid, "certified_data");
        List<Object> controllers = new ArrayList<>();
        canister.controllers().forEach(c -> controllers.add(c.bytes()));
        tree.put(Cbor.encode(CborTag.selfDescribed(controllers)), "canister", cid, "controllers");
        canister.creationTimestampNanos().ifPresent(t -> tree.put(leb128(t), "canister", cid, "canister_creation_timestamp"));
        canister.moduleHash().ifPresent(hash -> tree.put(hash, "canister", cid, "module_hash"));
        canister.lastInstallTimestampNanos().ifPresent(t -> tree.put(leb128(t), "canister", cid, "last_install_timestamp"));
        canister.publicMetadata().forEach((name, value) -> tree.put(value, "canister", cid, "metadata", name));
        canister.privateMetadata().forEach((name, value) -> tree.put(value, "canister", cid, "metadata", name));
        return this;
    }

    LabeledTree build() {
        return tree.build();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Naturals in the state tree are unsigned LEB128. */
    private static byte[] leb128(long unsigned) {
        return Leb128.unsigned(unsigned);
    }
}
