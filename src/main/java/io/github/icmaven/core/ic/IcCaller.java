package io.github.icmaven.core.ic;

import io.github.icmaven.core.ic.transport.HttpReplicaTransport;
import io.github.icmaven.core.ic.transport.NonReplicatedRejectionException;
import io.github.icmaven.core.ic.transport.ReplicaHttpException;
import io.github.icmaven.core.ic.transport.RetryListener;
import io.github.icmaven.core.ic.transport.RetryPolicy;
import io.github.icmaven.core.ic.transport.SignedRequests;
import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;
import io.github.icmaven.encoding.Leb128;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.ic.RequestId;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.AgentError;
import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.ReplicaTransport;
import org.ic4j.agent.identity.Identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends update and query calls with raw Candid bytes and turns every failure into an {@link IcCallException}.
 * Requests are signed by the ic4j identity and written by {@link SignedRequests}; updates go to the synchronous
 * call endpoint, whose answer carries the certificate of the call's status (see {@link HttpReplicaTransport}).
 * Only when the replica answers 202 (the call did not finish in time, or the replica has no synchronous
 * endpoint) is the status polled: first after 5 ms, doubling up to 500 ms, until the deadline. The status is
 * read from the certified state tree directly, so the IC error code is kept.
 *
 * <p>Certificates are verified by ic4j against the network's root key, except when that key was fetched from
 * the replica itself ({@link IcNetwork#fetchesRootKey()}, loopback hosts only): whoever answers there chose the
 * key, so its signature proves nothing, and a BLS verification in Java costs more CPU than the rest of a
 * local call. Under the same condition a query's answer, which no consensus backs, must carry a signature of a
 * node of the canister's subnet ({@link QuerySignatures}; node keys read once per canister from a verified
 * certificate), as icp-cli checks it.
 *
 * <p>Retries, each told to the {@link RetryListener}: the transport sends a request that failed on the
 * network or with HTTP 429/5xx again as the same signed envelope (see {@link HttpReplicaTransport}); a query
 * or management call the IC rejected with SYS_TRANSIENT is made again as a new request. Canister rejects
 * (reject codes 4 and 5) and other system rejects are final.
 */
public final class IcCaller implements CanisterCalls, AutoCloseable {
    /** Beyond this the ingress message expires (ic4j sets expiry 4 minutes ahead), so waiting longer is useless. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(4);
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration FIRST_POLL_DELAY = Duration.ofMillis(5);
    private static final Duration MAX_POLL_DELAY = Duration.ofMillis(500);

    private final SignedRequests requests;
    /** ic4j's certificate verifier; null where the root key was fetched from the replica, which proves nothing. */
    private final Agent verifier;
    private final byte[] rootKey;
    // Node keys per effective canister id, read once: the subnet hosting a canister does not change during a run.
    private final Map<Principal, QuerySignatures> nodeKeys = new ConcurrentHashMap<>();
    private final HttpReplicaTransport transport;
    private final Principal sender;
    private final Duration callTimeout;
    private final RetryPolicy retries;
    private final RetryListener retryListener;

    private IcCaller(SignedRequests requests, Agent verifier, byte[] rootKey, HttpReplicaTransport transport,
            Principal sender, Duration callTimeout, RetryPolicy retries, RetryListener retryListener) {
        this.requests = requests;
        this.verifier = verifier;
        this.rootKey = rootKey;
        this.transport = transport;
        this.sender = sender;
        this.callTimeout = callTimeout;
        this.retries = retries;
        this.retryListener = retryListener;
    }

    /**
     * Connects to a network as {@code identity}; for a local network this fetches the root key.
     *
     * @throws IcCallException if the root key of a local network cannot be fetched
     */
    public static IcCaller connect(IcNetwork network, Identity identity) throws IcCallException {
        return connect(network, identity, RetryListener.NONE);
    }

    /** As {@link #connect(IcNetwork, Identity)}, telling {@code retryListener} about every retry. */
    public static IcCaller connect(IcNetwork network, Identity identity, RetryListener retryListener)
            throws IcCallException {
        return connect(network, identity, DEFAULT_HTTP_TIMEOUT, DEFAULT_CALL_TIMEOUT, RetryPolicy.DEFAULT, retryListener);
    }

    public static IcCaller connect(IcNetwork network, Identity identity, Duration httpTimeout, Duration callTimeout)
            throws IcCallException {
        return connect(network, identity, httpTimeout, callTimeout, RetryPolicy.DEFAULT, RetryListener.NONE);
    }

    /**
     * @param httpTimeout how long one small HTTP exchange may take (large bodies get more, see
     *     {@link HttpReplicaTransport#timeoutFor(long)})
     * @param callTimeout how long an update may take from submission to its final status
     * @param retries how requests that failed on the network, with HTTP 429/5xx or with a transient reject
     *     are tried again
     */
    public static IcCaller connect(IcNetwork network, Identity identity, Duration httpTimeout, Duration callTimeout,
            RetryPolicy retries, RetryListener retryListener) throws IcCallException {
        HttpReplicaTransport transport = new HttpReplicaTransport(network.url(), httpTimeout, retries, retryListener);
        byte[] rootKey = network.rootKey(transport);
        Agent verifier = null;
        if (!network.fetchesRootKey()) {
            try {
                verifier = new AgentBuilder().transport(new VerificationOnly()).identity(identity).build();
                verifier.setRootKey(rootKey);
                verifier.setVerify(true);
            } catch (AgentError e) {
                throw IcCallException.protocol(Principal.MANAGEMENT_CANISTER, "(connect)",
                        "ic4j could not set up certificate verification: " + e.getMessage(), e);
            }
        }
        Principal sender = Ic4jPrincipals.fromIc4j(identity.sender());
        return new IcCaller(new SignedRequests(identity), verifier, rootKey, transport, sender, callTimeout, retries,
                retryListener);
    }

    /** ic4j's agent only verifies certificates here; it never sends a request. */
    private static final class VerificationOnly implements ReplicaTransport {
        @Override
        public CompletableFuture<ReplicaResponse> status() {
            throw new UnsupportedOperationException("certificate verification only");
        }

        @Override
        public CompletableFuture<ReplicaResponse> query(org.ic4j.types.Principal canister, byte[] envelope,
                Map<String, String> headers) {
            throw new UnsupportedOperationException("certificate verification only");
        }

        @Override
        public CompletableFuture<ReplicaResponse> call(org.ic4j.types.Principal canister, byte[] envelope,
                org.ic4j.agent.requestid.RequestId requestId, Map<String, String> headers) {
            throw new UnsupportedOperationException("certificate verification only");
        }

        @Override
        public CompletableFuture<ReplicaResponse> readState(org.ic4j.types.Principal canister, byte[] envelope,
                Map<String, String> headers) {
            throw new UnsupportedOperationException("certificate verification only");
        }

        @Override
        public void close() {
            // nothing to close: it never opened anything
        }
    }

    @Override
    public Principal sender() {
        return sender;
    }

    /**
     * Sends an update call and waits for its reply (Candid bytes). A management call the IC rejects as
     * transient is made again: a rejected management call changed nothing. Other canisters' calls are not,
     * as the spec promises nothing about how much of a rejected call was processed.
     */
    @Override
    public byte[] update(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
            throws IcCallException {
        if (!canisterId.isManagementCanister()) {
            return updateOnce(canisterId, effectiveCanisterId, method, arg);
        }
        return retryingTransientRejects(canisterId, method, () -> updateOnce(canisterId, effectiveCanisterId, method, arg));
    }

    /** Sends a query call (not certified: the answer comes from a single replica); transient rejects are retried. */
    @Override
    public byte[] query(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
            throws IcCallException {
        return retryingTransientRejects(canisterId, method, () -> queryOnce(canisterId, effectiveCanisterId, method, arg));
    }

    private byte[] updateOnce(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
            throws IcCallException {
        long deadline = System.nanoTime() + callTimeout.toNanos();
        SignedRequests.Signed request = requests.call(canisterId, method, arg);
        Optional<byte[]> certificate = send(canisterId, method, () -> transport.call(effectiveCanisterId, request.envelope()));
        if (certificate.isPresent()) {
            Optional<byte[]> reply = finalStatus(verified(certificate.get(), canisterId, effectiveCanisterId, method),
                    canisterId, method, request.requestId());
            if (reply.isPresent()) {
                return reply.get();
            }
        }
        return awaitReply(canisterId, effectiveCanisterId, method, request.requestId(), deadline);
    }

    private byte[] queryOnce(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
            throws IcCallException {
        SignedRequests.Signed request = requests.query(canisterId, method, arg);
        byte[] body = send(canisterId, method, () -> transport.query(effectiveCanisterId, request.envelope()));
        Map<?, ?> answer;
        try {
            if (!(Cbor.decode(body) instanceof Map<?, ?> map)) {
                throw IcCallException.protocol(canisterId, method, "the query's answer is not a CBOR map", null);
            }
            answer = map;
        } catch (CborException e) {
            throw IcCallException.protocol(canisterId, method, "the query's answer is not CBOR: " + e.getMessage(), e);
        }
        if (verifier != null) {
            Optional<String> unsigned = querySignatures(canisterId, effectiveCanisterId, method)
                    .problem(answer, request.requestId());
            if (unsigned.isPresent()) {
                throw IcCallException.protocol(canisterId, method, "the query's answer is not signed by a node of the "
                        + "canister's subnet: " + unsigned.get(), null);
            }
        }
        Optional<NonReplicatedRejectionException> rejection = NonReplicatedRejectionException.from(answer);
        if (rejection.isPresent()) {
            throw mapFailure(canisterId, method, rejection.get());
        }
        if ("replied".equals(answer.get("status")) && answer.get("reply") instanceof Map<?, ?> reply
                && reply.get("arg") instanceof byte[] replyArg) {
            return replyArg;
        }
        throw IcCallException.protocol(canisterId, method, "the query's answer holds neither a reply nor a rejection",
                null);
    }

    /**
     * The node keys of the subnet hosting {@code effectiveCanisterId}, from a verified certificate of its
     * {@code /subnet} subtree (read once). The subnet is the delegation's, or without one the root subnet, whose id
     * is self-authenticating from the root key.
     */
    private QuerySignatures querySignatures(Principal canisterId, Principal effectiveCanisterId, String method)
            throws IcCallException {
        QuerySignatures known = nodeKeys.get(effectiveCanisterId);
        if (known != null) {
            return known;
        }
        CertificateLookup subnet = readState(canisterId, effectiveCanisterId, method + " (its subnet's node keys)",
                List.of("subnet".getBytes(StandardCharsets.US_ASCII)));
        byte[] subnetId = subnet.delegatedSubnetId().orElseGet(() -> Principal.selfAuthenticating(rootKey).bytes());
        QuerySignatures keys = new QuerySignatures(subnet, subnetId);
        nodeKeys.put(effectiveCanisterId, keys);
        return keys;
    }

    private interface Attempt {
        byte[] run() throws IcCallException;
    }

    /** Runs {@code attempt} again (a new request) while the IC rejects it with SYS_TRANSIENT, as the policy allows. */
    private byte[] retryingTransientRejects(Principal canisterId, String method, Attempt attempt) throws IcCallException {
        for (int attempts = 1; ; attempts++) {
            try {
                return attempt.run();
            } catch (IcCallException e) {
                boolean transientReject = e.isRejection() && e.rejectCode().orElse(null) == RejectCode.SYS_TRANSIENT;
                if (!transientReject || !retries.allowsAnotherAttempt(attempts)) {
                    throw e;
                }
                Duration backoff = retries.backoffBefore(attempts + 1);
                retryListener.retrying("Calling " + method + " on " + canisterId + " again (attempt " + (attempts + 1)
                        + " of " + retries.maxAttempts() + ", in " + backoff.toMillis() + " ms): the IC rejected it as "
                        + "transient" + e.errorCode().map(code -> " (" + code + ")").orElse("") + ": "
                        + e.replicaMessage());
                sleep(backoff.toNanos(), canisterId, method);
            }
        }
    }

    @Override
    public Optional<byte[]> readMetadata(Principal canisterId, String name) throws IcCallException {
        return readCanisterPath(canisterId, "(read_state metadata/" + name + ")",
                "metadata".getBytes(StandardCharsets.US_ASCII), name.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<byte[]> readModuleHash(Principal canisterId) throws IcCallException {
        return readCanisterPath(canisterId, "(read_state module_hash)", "module_hash".getBytes(StandardCharsets.US_ASCII));
    }

    /** The value at {@code /canister/<id>/<labels...>} of a certificate read with read_state; empty when absent. */
    private Optional<byte[]> readCanisterPath(Principal canisterId, String method, byte[]... labels)
            throws IcCallException {
        List<byte[]> path = new ArrayList<>(List.of("canister".getBytes(StandardCharsets.US_ASCII), canisterId.bytes()));
        path.addAll(List.of(labels));
        return readState(canisterId, canisterId, method, path).lookup(path);
    }

    /** A certified read of {@code path}, its certificate verified as the network requires. */
    private CertificateLookup readState(Principal canisterId, Principal effectiveCanisterId, String method,
            List<byte[]> path) throws IcCallException {
        byte[] envelope = requests.readState(List.of(path)).envelope();
        byte[] body = send(canisterId, method, () -> transport.readState(effectiveCanisterId, envelope));
        try {
            if (Cbor.decode(body) instanceof Map<?, ?> answer && answer.get("certificate") instanceof byte[] certificate) {
                return verified(certificate, canisterId, effectiveCanisterId, method);
            }
        } catch (CborException e) {
            throw IcCallException.protocol(canisterId, method, "the read_state answer is not CBOR: " + e.getMessage(), e);
        }
        throw IcCallException.protocol(canisterId, method, "the read_state answer holds no certificate", null);
    }

    @Override
    public void close() {
        if (verifier != null) {
            verifier.close();
        }
    }

    private interface Exchange<T> {
        T run() throws IOException, InterruptedException;
    }

    /** Runs one HTTP exchange of the transport (retries included), its failures as {@link IcCallException}s. */
    private static <T> T send(Principal canisterId, String method, Exchange<T> exchange) throws IcCallException {
        try {
            return exchange.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IcCallException.timeout(canisterId, method, "interrupted while waiting for the replica");
        } catch (IOException | RuntimeException e) {
            throw mapFailure(canisterId, method, e);
        }
    }

    private byte[] awaitReply(Principal canisterId, Principal effectiveCanisterId, String method, byte[] requestId,
            long deadline) throws IcCallException {
        Duration delay = FIRST_POLL_DELAY;
        IcCallException lastTransientFailure = null;
        while (true) {
            try {
                Optional<byte[]> reply = readFinalStatus(canisterId, effectiveCanisterId, method, requestId);
                if (reply.isPresent()) {
                    return reply.get();
                }
            } catch (IcCallException e) {
                // A failed poll says nothing about the call itself: keep polling through passing trouble.
                if (e.isRejection() || !e.isTransient()) {
                    throw e;
                }
                lastTransientFailure = e;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw IcCallException.timeout(canisterId, method, "request " + RequestId.toText(requestId)
                        + " still had no final status after " + callTimeout.toSeconds() + " s"
                        + (lastTransientFailure == null ? "" : "; last polling failure: " + lastTransientFailure.getMessage()));
            }
            sleep(Math.min(delay.toNanos(), remaining), canisterId, method);
            delay = delay.multipliedBy(2).compareTo(MAX_POLL_DELAY) > 0 ? MAX_POLL_DELAY : delay.multipliedBy(2);
        }
    }

    /** The reply when the call has one, empty while it is still in flight. */
    private Optional<byte[]> readFinalStatus(Principal canisterId, Principal effectiveCanisterId, String method,
            byte[] requestId) throws IcCallException {
        List<byte[]> path = List.of("request_status".getBytes(StandardCharsets.US_ASCII), requestId);
        return finalStatus(readState(canisterId, effectiveCanisterId, method, path), canisterId, method, requestId);
    }

    /** The certificate's tree, once ic4j verified its signature (unless the network's key proves nothing). */
    private CertificateLookup verified(byte[] certificateBytes, Principal canisterId, Principal effectiveCanisterId,
            String method) throws IcCallException {
        CertificateLookup certificate;
        try {
            certificate = CertificateLookup.of(certificateBytes);
        } catch (CborException e) {
            throw IcCallException.protocol(canisterId, method, "the certificate is not readable: " + e.getMessage(), e);
        }
        if (verifier != null) {
            try {
                verifier.verify(Ic4jCertificates.decode(certificateBytes), Ic4jPrincipals.toIc4j(effectiveCanisterId), false);
            } catch (IOException e) {
                throw IcCallException.protocol(canisterId, method, "the certificate is not readable: " + e.getMessage(), e);
            } catch (AgentError e) {
                throw mapFailure(canisterId, method, e);
            }
        }
        return certificate;
    }

    /** The reply when the certificate shows one, empty while the call is still in flight. */
    private Optional<byte[]> finalStatus(CertificateLookup certificate, Principal canisterId, String method,
            byte[] requestId) throws IcCallException {
        Optional<byte[]> status = lookup(certificate, requestId, "status");
        if (status.isEmpty()) {
            return Optional.empty(); // unknown: not yet in the state tree
        }
        String statusText = new String(status.get(), StandardCharsets.UTF_8);
        switch (statusText) {
            case "replied": {
                return Optional.of(lookup(certificate, requestId, "reply").orElseThrow(() ->
                        IcCallException.protocol(canisterId, method, "status 'replied' without a reply", null)));
            }
            case "rejected": {
                long code = lookup(certificate, requestId, "reject_code").map(Leb128::readUnsignedLong)
                        .orElse((long) RejectCode.SYS_UNKNOWN.code());
                String message = lookup(certificate, requestId, "reject_message")
                        .map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
                Optional<String> errorCode = lookup(certificate, requestId, "error_code")
                        .map(b -> new String(b, StandardCharsets.UTF_8))
                        .or(() -> RejectTexts.findErrorCode(message, Optional.of((int) code)));
                throw IcCallException.rejected(canisterId, method, rejectCode(code), errorCode.orElse(null), message);
            }
            case "done":
                throw IcCallException.protocol(canisterId, method,
                        "the call is done but its reply is no longer available (it was read too late)", null);
            default:
                return Optional.empty(); // received, processing
        }
    }

    private static Optional<byte[]> lookup(CertificateLookup certificate, byte[] requestId, String field) {
        return certificate.lookup(List.of("request_status".getBytes(StandardCharsets.US_ASCII), requestId,
                field.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A failure of the transport, or of ic4j's certificate verification, as the caller reports it. */
    private static IcCallException mapFailure(Principal canisterId, String method, Throwable failure) {
        if (failure instanceof NonReplicatedRejectionException r) {
            return IcCallException.rejected(canisterId, method, rejectCode(r.rejectCode()),
                    r.errorCode() != null ? r.errorCode()
                            : RejectTexts.findErrorCode(r.rejectMessage(), Optional.of(r.rejectCode())).orElse(null),
                    r.rejectMessage());
        }
        if (failure instanceof ReplicaHttpException h) {
            return IcCallException.httpError(canisterId, method, h.statusCode(), h.body(), h);
        }
        if (failure instanceof IOException io) {
            return IcCallException.network(canisterId, method, String.valueOf(io.getMessage()), io);
        }
        if (failure instanceof AgentError agentError) {
            return IcCallException.protocol(canisterId, method, "ic4j: " + agentError.getMessage(), agentError);
        }
        return IcCallException.protocol(canisterId, method, failure.getClass().getSimpleName() + ": "
                + failure.getMessage(), failure);
    }

    private static RejectCode rejectCode(long code) {
        try {
            return RejectCode.of((int) code);
        } catch (IllegalArgumentException e) {
            return RejectCode.SYS_UNKNOWN;
        }
    }

    private static void sleep(long nanos, Principal canisterId, String method) throws IcCallException {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IcCallException.timeout(canisterId, method, "interrupted while waiting for the call to finish");
        }
    }
}
