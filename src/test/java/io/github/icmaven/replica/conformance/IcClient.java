package io.github.icmaven.replica.conformance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.AgentError;
import org.ic4j.agent.NonceFactory;
import org.ic4j.agent.RequestStatusResponse;
import org.ic4j.agent.Subnet;
import org.ic4j.agent.certification.Certificate;
import org.ic4j.agent.certification.hashtree.Label;
import org.ic4j.agent.certification.hashtree.LookupResult;
import org.ic4j.agent.http.ReplicaApacheHttpTransport;
import org.ic4j.agent.identity.Identity;
import org.ic4j.agent.replicaapi.NodeSignature;
import org.ic4j.agent.replicaapi.QueryContent;
import org.ic4j.agent.replicaapi.QueryResponse;
import org.ic4j.agent.requestid.RequestId;
import org.ic4j.types.Principal;

/**
 * One ic4j-agent 0.7.2 {@link Agent} signing as one identity. Update calls go through {@code updateRaw} and
 * are polled with {@code requestStatusRaw} here (ic4j's {@code callAndWait} swallows rejections and its
 * {@code Waiter} sleeps whole seconds).
 */
final class IcClient implements AutoCloseable {
    static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    static final Duration RPC_TIMEOUT = Duration.ofSeconds(20);

    final String name;
    final Identity identity;
    final Agent agent;
    final RecordingTransport transport;

    private IcClient(String name, Identity identity, Agent agent, RecordingTransport transport) {
        this.name = name;
        this.identity = identity;
        this.agent = agent;
        this.transport = transport;
    }

    /** An agent for {@code identity} that trusts the root key the replica reports (fetchRootKey). */
    static IcClient connect(URI url, Identity identity, String name) {
        return connect(url, identity, name, null);
    }

    /** An agent for {@code identity} with {@code rootKey} (DER) pinned, or fetched from the replica when null. */
    static IcClient connect(URI url, Identity identity, String name, byte[] rootKey) {
        try {
            RecordingTransport transport = new RecordingTransport(ReplicaApacheHttpTransport.create(url.toString()));
            Agent agent = new AgentBuilder()
                    .transport(transport)
                    .identity(identity)
                    .nonceFactory(new NonceFactory())
                    .build();
            if (rootKey == null) {
                agent.fetchRootKey();
            } else {
                agent.setRootKey(rootKey);
            }
            return new IcClient(name, identity, agent, transport);
        } catch (Exception | AgentError e) {
            throw new AssertionError("ic4j could not connect to " + url + " as " + name + ": " + e, e);
        }
    }

    Principal sender() {
        return identity.sender();
    }

    @Override
    public void close() {
        agent.close();
    }

    // ---------------------------------------------------------------- outcomes

    /** How a call or query ended, as its caller sees it. */
    record Outcome(String what, byte[] reply, Integer rejectCode, String rejectMessage, String errorCode,
                   String path) {
        boolean replied() {
            return reply != null;
        }

        byte[] expectReply() {
            if (reply == null) {
                throw new AssertionError(what + " was expected to reply but " + this);
            }
            return reply;
        }

        Outcome expectRejected() {
            if (reply != null) {
                throw new AssertionError(what + " was expected to be rejected but it replied "
                        + HexFormat.of().formatHex(reply));
            }
            return this;
        }

        @Override
        public String toString() {
            if (reply != null) {
                return what + " replied " + HexFormat.of().formatHex(reply) + " (" + path + ")";
            }
            return what + " rejected: reject_code=" + rejectCode + " error_code=" + errorCode + " message=\""
                    + rejectMessage + "\" (" + path + ")";
        }
    }

    // ---------------------------------------------------------------- update calls

    /** The request id of an update call ic4j has sent (HTTP answer already received). */
    RequestId submit(Principal canister, Principal effectiveCanister, String method, byte[] arg) {
        return await(agent.updateRaw(canister, effectiveCanister, method, arg, Optional.empty()),
                name + " call " + method + " on " + canister);
    }

    /** Sends an update call with ic4j and waits for its outcome in request_status. */
    Outcome update(Principal canister, Principal effectiveCanister, String method, byte[] arg) {
        String what = name + " update " + canister + "." + method;
        RequestId id = submit(canister, effectiveCanister, method, arg);
        return outcomeOf(id, effectiveCanister, what);
    }

    /** A management canister method called as an update, with the effective canister id the spec requires. */
    Outcome manage(String method, Principal effectiveCanister, byte[] arg) {
        return update(Management.ID, effectiveCanister, method, arg);
    }

    /** Polls request_status of {@code id} (sent by this identity) until it replied or was rejected. */
    Outcome outcomeOf(RequestId id, Principal effectiveCanister, String what) {
        RecordingTransport.CallAnswer answer = transport.takeCallAnswer(id);
        if (answer instanceof RecordingTransport.CallAnswer.Rejected r) {
            return new Outcome(what, null, r.rejectCode(), r.rejectMessage(), r.errorCode(),
                    "non-replicated rejection in the HTTP answer to the call");
        }
        if (answer instanceof RecordingTransport.CallAnswer.Other o) {
            throw new AssertionError(what + ": the replica did not accept the call: " + o.body());
        }
        long deadline = System.nanoTime() + CALL_DEADLINE.toNanos();
        String last = "no answer";
        while (true) {
            try {
                RequestStatusResponse status = await(agent.requestStatusRaw(id, effectiveCanister),
                        what + " request_status");
                switch (status.status) {
                    case REPLIED_STATUS:
                        return new Outcome(what, status.replied.get().arg, null, null, null, "request_status replied");
                    case REJECTED_STATUS:
                        RequestStatusResponse.Rejected rejected = status.rejected.get();
                        return new Outcome(what, null, rejected.rejectCode, rejected.rejectMessage,
                                errorCodeOf(id, effectiveCanister), "request_status rejected");
                    case DONE_STATUS:
                        throw new AssertionError(what + ": request_status is already 'done' (reply pruned)");
                    default:
                        last = "status " + status.status;
                }
            } catch (AgentError e) {
                if (e.getCode() != AgentError.AgentErrorCode.LOOKUP_PATH_ABSENT) {
                    throw new AssertionError(what + ": polling request_status failed: " + e.getMessage(), e);
                }
                last = "request_status path absent from the certificate";
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": no outcome within " + CALL_DEADLINE + "; last poll: " + last);
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** {@code request_status/<id>/error_code}, which ic4j's RequestStatusResponse drops; null if absent. */
    String errorCodeOf(RequestId id, Principal effectiveCanister) {
        Certificate certificate = readState(effectiveCanister, List.of(List.of(utf8("request_status"), id.get())));
        LookupResult result = lookup(certificate, utf8("request_status"), id.get(), utf8("error_code"));
        return result.status == LookupResult.LookupResultStatus.FOUND
                ? new String(result.value, StandardCharsets.UTF_8) : null;
    }

    // ---------------------------------------------------------------- queries

    /** A query answer with the node signatures it carried and the request id they sign. */
    record QueryAnswer(Outcome outcome, QueryResponse response, RequestId requestId) {}

    /** A query call through ic4j's {@code queryEndpoint}, which keeps reject details and node signatures. */
    QueryAnswer queryWithSignatures(Principal canister, Principal effectiveCanister, String method, byte[] arg) {
        String what = name + " query " + canister + "." + method;
        QueryContent content = new QueryContent();
        content.queryRequest.methodName = method;
        content.queryRequest.canisterId = canister;
        content.queryRequest.arg = arg;
        content.queryRequest.sender = identity.sender();
        content.queryRequest.ingressExpiry = (System.currentTimeMillis() + Duration.ofMinutes(4).toMillis()) * 1_000_000L;
        RequestId requestId = RequestId.toRequestId(content);
        QueryResponse response = await(agent.queryEndpoint(effectiveCanister, content, false, null), what);
        if (response.status == QueryResponse.InnerStatus.REPLIED_STATUS) {
            return new QueryAnswer(new Outcome(what, response.replied.get().arg, null, null, null, "query replied"),
                    response, requestId);
        }
        if (response.status == QueryResponse.InnerStatus.REJECTED_STATUS) {
            QueryResponse.Rejected r = response.rejected.get();
            Object code = r.rejectCode; // ic4j's RejectCode enum is package-private
            String errorCode = r.errorCode == null ? null : r.errorCode.orElse(null);
            return new QueryAnswer(new Outcome(what, null, rejectCodeNumber(code), r.rejectMessage, errorCode,
                    "query rejected"), response, requestId);
        }
        throw new AssertionError(what + ": query response has no status");
    }

    Outcome query(Principal canister, String method, byte[] arg) {
        return queryWithSignatures(canister, canister, method, arg).outcome();
    }

    /** ic4j's own query path ({@code queryRaw}) with its query-signature verification switched on. */
    byte[] queryRawVerified(Principal canister, String method, byte[] arg) {
        return await(agent.queryRaw(canister, canister, method, arg, Optional.empty(), true),
                name + " queryRaw(verify) " + canister + "." + method);
    }

    /**
     * Checks every node signature of a query answer against the node keys certified in read_state
     * {@code /subnet/<id>/node/<node>/public_key} (ic4j 0.7.2 fetches them but drops its own verdicts).
     *
     * @return how many signatures verified
     */
    int verifyNodeSignatures(QueryAnswer answer, Principal canister) throws Exception {
        List<NodeSignature> signatures = answer.response().signatures;
        if (signatures == null || signatures.isEmpty()) {
            throw new AssertionError(answer.outcome().what() + ": the query response carries no node signatures");
        }
        Subnet subnet;
        try {
            subnet = agent.fetchSubnetByCanister(canister, canister);
        } catch (AgentError e) {
            throw new AssertionError("ic4j could not read the subnet of " + canister + ": " + e.getMessage(), e);
        }
        int verified = 0;
        for (NodeSignature s : signatures) {
            byte[] nodeKey = subnet.nodeKeys.get(s.identity);
            if (nodeKey == null) {
                throw new AssertionError("query signed by node " + s.identity + ", which is not among the subnet's nodes "
                        + subnet.nodeKeys.keySet());
            }
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(nodeKey));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(answer.response().signable(answer.requestId(), s.timestamp));
            if (!verifier.verify(s.signature)) {
                throw new AssertionError("node signature of " + s.identity + " on " + answer.outcome().what()
                        + " does not verify");
            }
            long skewNanos = Math.abs(System.currentTimeMillis() * 1_000_000L - s.timestamp);
            if (skewNanos > Duration.ofMinutes(5).toNanos()) {
                throw new AssertionError("node signature timestamp " + s.timestamp + " is " + skewNanos / 1e9
                        + " s away from this machine's clock");
            }
            verified++;
        }
        return verified;
    }

    // ---------------------------------------------------------------- read_state

    /** read_state through ic4j, which verifies the certificate's BLS signature against the fetched root key. */
    Certificate readState(Principal effectiveCanister, List<List<byte[]>> paths) {
        return await(agent.readStateRaw(effectiveCanister, paths, null),
                name + " read_state " + describePaths(paths)).certificate;
    }

    static LookupResult lookup(Certificate certificate, byte[]... path) {
        List<Label> labels = new ArrayList<>();
        for (byte[] p : path) {
            labels.add(new Label(p));
        }
        return certificate.tree.lookupPath(labels);
    }

    static byte[] lookupFound(Certificate certificate, byte[]... path) {
        LookupResult result = lookup(certificate, path);
        if (result.status != LookupResult.LookupResultStatus.FOUND) {
            throw new AssertionError("certificate lookup of " + describePath(Arrays.asList(path)) + ": " + result.status);
        }
        return result.value;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- plumbing

    private static int rejectCodeNumber(Object ic4jRejectCode) {
        if (ic4jRejectCode == null) {
            return -1;
        }
        return switch (((Enum<?>) ic4jRejectCode).name()) {
            case "SysFatal" -> 1;
            case "SysTransient" -> 2;
            case "DestinationInvalid" -> 3;
            case "CanisterReject" -> 4;
            case "CanisterError" -> 5;
            default -> throw new AssertionError("unknown ic4j reject code " + ic4jRejectCode);
        };
    }

    /** Waits for an ic4j future; ic4j failures ({@link AgentError} is an Error) are rethrown unwrapped. */
    static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AgentError agentError) {
                throw agentError;
            }
            throw new AssertionError(what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": no answer within " + RPC_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " interrupted", e);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String describePaths(List<List<byte[]>> paths) {
        List<String> out = new ArrayList<>();
        for (List<byte[]> p : paths) {
            out.add(describePath(p));
        }
        return out.toString();
    }

    private static String describePath(List<byte[]> path) {
        StringBuilder sb = new StringBuilder();
        for (byte[] segment : path) {
            sb.append('/');
            boolean printable = segment.length > 0;
            for (byte b : segment) {
                printable &= b >= 0x20 && b < 0x7f;
            }
            sb.append(printable ? new String(segment, StandardCharsets.US_ASCII) : HexFormat.of().formatHex(segment));
        }
        return sb.toString();
    }
}
