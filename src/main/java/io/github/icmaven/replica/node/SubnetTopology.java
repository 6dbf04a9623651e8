package io.github.icmaven.replica.node;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.Certificates;
import io.github.icmaven.replica.certification.HashTree;
import io.github.icmaven.replica.certification.NodeSigningKey;
import io.github.icmaven.replica.certification.SubnetDelegation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The subnets the state tree describes (index.md, "Subnet information", "Canister ranges") and the one
 * this replica is a node of, which executes every canister and certifies the state. Either a single
 * subnet that is also the root subnet (certificates without delegation, subnet id = self-authenticating
 * id of the root key), or, like mainnet, a root subnet whose key is the root key and an application
 * subnet with its own key that hosts the canisters and certifies with a delegation from the root subnet.
 */
public final class SubnetTopology {
    private static final byte[] SUBNET = "subnet".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CANISTER_RANGES = "canister_ranges".getBytes(StandardCharsets.US_ASCII);

    /** The ids the application subnet hosts: every opaque canister id (what the replica allocates from). */
    static final CanisterRange ALL_CANISTER_IDS = new CanisterRange(
            Principal.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1}),
            Principal.of(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, 1, 1}));

    /** A closed interval of principals, compared byte-wise (index.md, "canister_ranges"). */
    public record CanisterRange(Principal start, Principal end) {
        boolean contains(Principal id) {
            byte[] bytes = id.bytes();
            return Arrays.compareUnsigned(bytes, start.bytes()) >= 0 && Arrays.compareUnsigned(bytes, end.bytes()) <= 0;
        }
    }

    /**
     * One subnet: its id, type ("application", "system"), threshold key, its one node's key and the
     * canister ids assigned to it.
     */
    public record Subnet(Principal id, String type, BlsRootKey key, NodeSigningKey node, List<CanisterRange> ranges) {
        public Subnet {
            ranges = List.copyOf(ranges);
        }

        /** A subnet's id as the IC derives it: the self-authenticating principal of its public key. */
        public static Subnet of(String type, BlsRootKey key, NodeSigningKey node, List<CanisterRange> ranges) {
            return new Subnet(Principal.selfAuthenticating(key.publicKeyDer()), type, key, node, ranges);
        }

        boolean hosts(Principal canister) {
            return ranges.stream().anyMatch(range -> range.contains(canister));
        }
    }

    private final Subnet root;
    private final Subnet hosting;
    /** Null when the hosting subnet is the root subnet. */
    private final SubnetDelegation delegation;

    private SubnetTopology(Subnet root, Subnet hosting, SubnetDelegation delegation) {
        this.root = root;
        this.hosting = hosting;
        this.delegation = delegation;
    }

    /** One subnet that is the root subnet, hosts every canister and signs with the root key. */
    public static SubnetTopology single(BlsRootKey rootKey, NodeSigningKey nodeKey) {
        Subnet only = Subnet.of("application", rootKey, nodeKey, List.of(ALL_CANISTER_IDS));
        return new SubnetTopology(only, only, null);
    }

    /**
     * A root subnet (type "system", no canisters here) signing with the root key, and an application
     * subnet hosting every canister. The delegation is issued once, stamped {@code nowNanos}: the IC too
     * renews it only when the subnet's replicas restart, and clients accept it that long.
     */
    public static SubnetTopology mainnet(BlsRootKey rootKey, NodeSigningKey rootNode, BlsRootKey appKey,
                                         NodeSigningKey appNode, long nowNanos) {
        Subnet root = Subnet.of("system", rootKey, rootNode, List.of());
        Subnet app = Subnet.of("application", appKey, appNode, List.of(ALL_CANISTER_IDS));
        return withDelegation(root, app, nowNanos);
    }

    /**
     * A root subnet and an application subnet with the given ranges, its delegation signed by the root
     * key; for tests that need a subnet certifying canisters outside its ranges.
     */
    public static SubnetTopology withDelegation(Subnet root, Subnet app, long nowNanos) {
        HashTree rootSubnetTree = new StateTreeBuilder().time(nowNanos).subnet(root).subnet(app).build().toHashTree();
        return new SubnetTopology(root, app, SubnetDelegation.issue(rootSubnetTree, app.id().bytes(), root.key()));
    }

    /** The root key's subnet: its public key is the root key clients pin. */
    public Subnet root() {
        return root;
    }

    /** The subnet this replica is a node of: it executes the canisters, signs queries and certifies state. */
    public Subnet hosting() {
        return hosting;
    }

    /** The delegation the hosting subnet's certificates carry; empty when it is the root subnet. */
    public Optional<SubnetDelegation> delegation() {
        return Optional.ofNullable(delegation);
    }

    boolean hosts(Principal canister) {
        return hosting.hosts(canister);
    }

    /** Adds every subnet's public key, type, canister ranges and node keys. */
    void describe(StateTreeBuilder tree) {
        tree.subnet(root);
        if (hosting != root) {
            tree.subnet(hosting);
        }
    }

    /** A certificate by the hosting subnet for {@code paths} of its state tree (with {@code /time}). */
    byte[] certify(HashTree fullStateTree, List<List<byte[]>> paths) {
        return Certificates.certifyPaths(fullStateTree, paths, hosting.key(), delegation);
    }

    /**
     * A read_state answer. From {@code /api/v3} on, a non-root subnet's {@code /subnet/<id>/canister_ranges}
     * is kept out of the certificate (https-interface.md, "Request: Read state"): clients read the ranges
     * from the delegation's {@code /canister_ranges/<id>} instead.
     */
    byte[] certifyReadState(HashTree fullStateTree, List<List<byte[]>> paths, int apiVersion) {
        List<List<byte[]>> withheld = apiVersion >= 3 && hosting != root
                ? List.of(List.of(SUBNET, hosting.id().bytes(), CANISTER_RANGES)) : List.of();
        return Certificates.certifyPaths(fullStateTree, paths, withheld, hosting.key(), delegation);
    }
}
