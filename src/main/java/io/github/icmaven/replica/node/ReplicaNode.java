package io.github.icmaven.replica.node;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.auth.InvalidRequestException;
import io.github.icmaven.replica.auth.VerifiedRequest;
import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.HashTree;
import io.github.icmaven.replica.certification.NodeSigningKey;
import io.github.icmaven.replica.http.ReplicaEndpoints;
import io.github.icmaven.replica.ingress.IngressHistory;
import io.github.icmaven.replica.ingress.IngressHistory.CallStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The replica behind the HTTP interface: accepts calls (with the checks a real replica does before a
 * call enters its state), executes them through the {@link MessageRouter}, keeps their status, signs
 * query responses and certifies the state tree.
 */
public final class ReplicaNode implements ReplicaEndpoints {
    private final MessageRouter router;
    private final SubnetTopology topology;
    private final NodeSigningKey nodeKey;
    private final LongSupplier clock;
    private final Principal subnetId;
    private final RoundLatency roundLatency;
    private final IngressHistory ingressHistory = new IngressHistory();

    public ReplicaNode(MessageRouter router, BlsRootKey rootKey, NodeSigningKey nodeKey, LongSupplier clockNanos) {
        this(router, rootKey, nodeKey, clockNanos, RoundLatency.NONE);
    }

    public ReplicaNode(MessageRouter router, BlsRootKey rootKey, NodeSigningKey nodeKey, LongSupplier clockNanos,
                       RoundLatency roundLatency) {
        this(router, SubnetTopology.single(rootKey, nodeKey), clockNanos, roundLatency);
    }

    /** A node of {@code topology}'s hosting subnet: it signs queries with that subnet's node key. */
    public ReplicaNode(MessageRouter router, SubnetTopology topology, LongSupplier clockNanos, RoundLatency roundLatency) {
        this.router = router;
        this.topology = topology;
        this.nodeKey = topology.hosting().node();
        this.clock = clockNanos;
        this.roundLatency = roundLatency;
        this.subnetId = topology.hosting().id();
    }

    /** The id of the subnet this replica is a node of (the one hosting the canisters). */
    public Principal subnetId() {
        return subnetId;
    }

    @Override
    public long nowNanos() {
        return clock.getAsLong();
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("ic_api_version", "0.18.0");
        status.put("impl_source", "https://github.com/icmaven/ic-maven-plugin");
        status.put("impl_version", "ic-maven-plugin embedded replica");
        status.put("replica_health_status", "healthy");
        status.put("root_key", topology.root().key().publicKeyDer());
        return status;
    }

    @Override
    public CallResponse call(VerifiedRequest request, Principal effectiveCanisterId, boolean certificateWanted) {
        long arrival = System.nanoTime();
        // A replayed call is already in the state: answer as for the first submission.
        Optional<CallStatus> known = ingressHistory.find(request.requestId());
        if (known.isPresent()) {
            return accepted(known.get(), certificateWanted);
        }
        Principal canister = request.canisterId();
        try {
            checkEffectiveCanisterId(canister, request.methodName(), request.arg(), effectiveCanisterId);
            router.acceptIngress(request.sender(), canister, request.methodName(), request.arg());
        } catch (IcReject reject) {
            return new CallResponse.NonReplicatedRejection(reject.rejectCode().code(), reject.getMessage(), reject.errorCode());
        }
        CallStatus processing = CallStatus.processing(request.requestId(), request.sender(), effectiveCanisterId,
                request.ingressExpiry());
        if (!ingressHistory.claim(processing)) {
            // The same call submitted again while this submission was being checked: it runs once.
            return accepted(ingressHistory.find(request.requestId()).orElse(processing), certificateWanted);
        }
        CallStatus status;
        try {
            byte[] reply = router.update(request.sender(), canister, request.methodName(), request.arg());
            status = new CallStatus(request.requestId(), request.sender(), effectiveCanisterId, request.ingressExpiry(),
                    reply, 0, null, null);
        } catch (IcReject reject) {
            status = new CallStatus(request.requestId(), request.sender(), effectiveCanisterId, request.ingressExpiry(),
                    null, reject.rejectCode().code(), reject.getMessage(), reject.errorCode());
        }
        ingressHistory.pruneExpired(nowNanos());
        ingressHistory.record(status);
        CallResponse accepted = accepted(status, certificateWanted);
        roundLatency.awaitRoundEnd(arrival);
        return accepted;
    }

    /** A call still processing has no final status to certify: a synchronous caller is told to poll. */
    private CallResponse accepted(CallStatus status, boolean certificateWanted) {
        boolean certify = certificateWanted && !status.processing();
        return new CallResponse.Accepted(certify ? certifyRequestStatus(status.requestId()) : null);
    }

    @Override
    public Map<String, Object> query(VerifiedRequest request, Principal effectiveCanisterId) {
        long timestamp = nowNanos();
        Map<String, Object> response = new LinkedHashMap<>();
        try {
            checkEffectiveCanisterId(request.canisterId(), request.methodName(), request.arg(), effectiveCanisterId);
            byte[] reply = router.query(request.sender(), request.canisterId(), request.methodName(), request.arg(),
                    this::certifyCertifiedData);
            response.put("status", "replied");
            response.put("reply", Map.of("arg", reply));
            response.put("signatures", List.of(nodeKey.signReplied(request.requestId(), reply, timestamp)));
        } catch (IcReject reject) {
            response.put("status", "rejected");
            response.put("reject_code", (long) reject.rejectCode().code());
            response.put("reject_message", reject.getMessage());
            response.put("error_code", reject.errorCode());
            response.put("signatures", List.of(nodeKey.signRejected(request.requestId(), reject.rejectCode().code(),
                    reject.getMessage(), reject.errorCode(), timestamp)));
        }
        return response;
    }

    @Override
    public byte[] readState(VerifiedRequest request, Principal effectiveCanisterId, Principal effectiveSubnetId,
                            int apiVersion) {
        List<List<byte[]>> paths = request.paths();
        if (effectiveCanisterId != null && !request.mayTarget(effectiveCanisterId)) {
            throw new InvalidRequestException(403, "The delegation of the request does not allow canister "
                    + effectiveCanisterId);
        }
        if (effectiveSubnetId != null && !effectiveSubnetId.equals(subnetId)) {
            throw new InvalidRequestException(400, "Subnet " + effectiveSubnetId + " is not hosted by this replica; its subnet is "
                    + subnetId);
        }
        List<CanisterView> canisters = router.canisters();
        ReadStatePaths.authorize(paths, request.sender(), effectiveCanisterId, effectiveSubnetId != null, subnetId,
                canisters, ingressHistory);
        return topology.certifyReadState(fullTree(canisters), paths, apiVersion);
    }

    /**
     * The data certificate of a query call: the canister's certified data and the time, signed now by the
     * hosting subnet (with its delegation in the mainnet topology, as the IC's are).
     */
    private byte[] certifyCertifiedData(Principal canisterId) {
        List<byte[]> certifiedData = List.of("canister".getBytes(StandardCharsets.US_ASCII), canisterId.bytes(),
                "certified_data".getBytes(StandardCharsets.US_ASCII));
        List<byte[]> time = List.of("time".getBytes(StandardCharsets.US_ASCII));
        return topology.certify(fullTree(router.canisters()), List.of(certifiedData, time));
    }

    private byte[] certifyRequestStatus(byte[] requestId) {
        byte[] label = "request_status".getBytes(StandardCharsets.US_ASCII);
        return topology.certify(fullTree(router.canisters()), List.of(List.of(label, requestId)));
    }

    private HashTree fullTree(List<CanisterView> canisters) {
        StateTreeBuilder builder = new StateTreeBuilder().time(nowNanos());
        topology.describe(builder);
        ingressHistory.all().forEach(builder::requestStatus);
        canisters.forEach(builder::canister);
        return builder.build().toHashTree();
    }

    private void checkEffectiveCanisterId(Principal canister, String method, byte[] arg, Principal effective)
            throws IcReject {
        Optional<Principal> expected = router.effectiveCanisterId(canister, method, arg);
        if (expected.isEmpty()) {
            return; // canister creation: any effective canister id will do
        }
        if (!expected.get().equals(effective)) {
            throw new InvalidRequestException(400, "Specified CanisterId " + expected.get()
                    + " does not match effective canister id in URL " + effective);
        }
        if (!topology.hosts(effective)) {
            throw new InvalidRequestException(400, "Specified CanisterId " + effective + " is not hosted by subnet " + subnetId);
        }
    }
}
