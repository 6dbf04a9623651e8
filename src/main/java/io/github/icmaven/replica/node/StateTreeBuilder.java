package io.github.icmaven.replica.node;

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

    /** A subnet's entries: public key, type, node key, and its canister ranges at both places the spec has them. */
    StateTreeBuilder subnet(SubnetTopology.Subnet subnet) {
        byte[] sid = subnet.id().bytes();
        List<Object> rangeList = new ArrayList<>();
        subnet.ranges().forEach(range -> rangeList.add(List.of(range.start().bytes(), range.end().bytes())));
        byte[] ranges = Cbor.encode(CborTag.selfDescribed(rangeList));
        tree.put(subnet.key().publicKeyDer(), "subnet", sid, "public_key");
        tree.put(utf8(subnet.type()), "subnet", sid, "type");
        tree.put(ranges, "subnet", sid, "canister_ranges");
        tree.put(subnet.node().publicKeyDer(), "subnet", sid, "node", subnet.node().nodeId().bytes(), "public_key");
        if (!subnet.ranges().isEmpty()) {
            // One shard holding every range, keyed by the first range's start.
            tree.put(ranges, "canister_ranges", sid, subnet.ranges().get(0).start().bytes());
        }
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
