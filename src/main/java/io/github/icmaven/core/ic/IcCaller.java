package io.github.icmaven.core.ic;

import io.github.icmaven.core.ic.transport.HttpReplicaTransport;
import io.github.icmaven.core.ic.transport.NonReplicatedRejectionException;
import io.github.icmaven.core.ic.transport.ReplicaHttpException;
import io.github.icmaven.core.ic.transport.RetryListener;
import io.github.icmaven.core.ic.transport.RetryPolicy;
import io.github.icmaven.encoding.Leb128;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.AgentError;
import org.ic4j.agent.NonceFactory;
import org.ic4j.agent.certification.Certificate;
import org.ic4j.agent.certification.hashtree.Label;
import org.ic4j.agent.certification.hashtree.LookupResult;
import org.ic4j.agent.identity.Identity;
import org.ic4j.agent.requestid.RequestId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends update and query calls with raw Candid bytes through ic4j and turns every failure into an
 * {@link IcCallException}. Updates are submitted with {@code updateRaw} to the synchronous call endpoint,
 * whose answer carries the certificate of the call's status (see {@link HttpReplicaTransport}). Only when the
 * replica answers 202 (the call did not finish in time, or the replica has no synchronous endpoint) is the
 * status polled here (ic4j's {@code callAndWait} swallows polling errors and its waiter sleeps whole seconds):
 * first after 5 ms, doubling up to 500 ms, until the deadline. The status is read from the certified state
 * tree directly, so the IC error code, which ic4j drops, is kept.
 *
 * <p>Certificates are verified against the network's root key, except when that key was fetched from the
 * replica itself ({@link IcNetwork#fetchesRootKey()}, loopback hosts only): whoever answers there chose the
 * key, so its signature proves nothing, and a BLS verification in Java costs more CPU than the rest of a
 * local call.
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

    private final Agent agent;
    private final HttpReplicaTransport transport;
    private final Principal sender;
    private final Duration callTimeout;
    private final RetryPolicy retries;
    private final RetryListener retryListener;
    private final boolean verifiesCertificates;

    private IcCaller(Agent agent, HttpReplicaTransport transport, Principal sender, Duration callTimeout,
            RetryPolicy retries, RetryListener retryListener, boolean verifiesCertificates) {
        this.agent = agent;
        this.transport = transport;
        this.sender = sender;
        this.callTimeout = callTimeout;
        this.retries = retries;
        this.retryListener = retryListener;
        this.verifiesCertificates = verifiesCertificates;
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
        Agent agent;
        try {
            agent = new AgentBuilder()
                    .transport(transport)
                    .identity(identity)
                    // Without a nonce two identical calls in the same millisecond would share a request id.
                    .nonceFactory(new NonceFactory())
                    .build();
            agent.setRootKey(rootKey);
            agent.setVerify(!network.fetchesRootKey());
        } catch (AgentError e) {
            throw IcCallException.protocol(Principal.MANAGEMENT_CANISTER, "(connect)", "ic4j could not set up the agent: "
                    + e.getMessage(), e);
        }
        Principal sender = Ic4jPrincipals.fromIc4j(identity.sender());
        return new IcCaller(agent, transport, sender, callTimeout, retries, retryListener, !network.fetchesRootKey());
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
        RequestId requestId = submit(canisterId, effectiveCanisterId, method, arg);
        Optional<byte[]> certificate = transport.takeCallCertificate(requestId);
        if (certificate.isPresent()) {
            Optional<byte[]> reply = finalStatus(verified(certificate.get(), canisterId, effectiveCanisterId, method),
                    canisterId, method, requestId);
            if (reply.isPresent()) {
                return reply.get();
            }
        }
        return awaitReply(canisterId, effectiveCanisterId, method, requestId, deadline);
    }

    private byte[] queryOnce(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
            throws IcCallException {
        CompletableFuture<byte[]> reply;
        try {
            reply = agent.queryRaw(Ic4jPrincipals.toIc4j(canisterId), Ic4jPrincipals.toIc4j(effectiveCanisterId),
                    method, arg, Optional.empty());
        } catch (AgentError e) {
            throw mapFailure(canisterId, method, e, true);
        }
        return await(reply, transport.timeoutWithRetries(arg.length), canisterId, method, true);
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
        CompletableFuture<Agent.CertificateResponse> response;
        try {
            response = agent.readStateRaw(Ic4jPrincipals.toIc4j(canisterId), List.of(path), false, null);
        } catch (AgentError e) {
            throw mapFailure(canisterId, method, e, false);
        }
        Certificate certificate = await(response, transport.timeoutWithRetries(0), canisterId, method, false).certificate;
        // ic4j's lookupPath consumes the list it is given: hand it a mutable one.
        List<Label> lookup = new ArrayList<>();
        path.forEach(label -> lookup.add(new Label(label)));
        LookupResult result = certificate.tree.lookupPath(lookup);
        if (result != null && result.status == LookupResult.LookupResultStatus.FOUND && result.value != null) {
            return Optional.of(result.value);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        agent.close();
    }

    private RequestId submit(Principal canisterId, Principal effectiveCanisterId, String method, byte[] arg)
            throws IcCallException {
        CompletableFuture<RequestId> accepted;
        try {
            accepted = agent.updateRaw(Ic4jPrincipals.toIc4j(canisterId), Ic4jPrincipals.toIc4j(effectiveCanisterId),
                    method, arg, Optional.empty());
        } catch (AgentError e) {
            throw mapFailure(canisterId, method, e, false);
        }
        return await(accepted, transport.timeoutWithRetries(arg.length), canisterId, method, false);
    }

    private byte[] awaitReply(Principal canisterId, Principal effectiveCanisterId, String method, RequestId requestId,
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
                throw IcCallException.timeout(canisterId, method, "request " + requestId.toHexString()
                        + " still had no final status after " + callTimeout.toSeconds() + " s"
                        + (lastTransientFailure == null ? "" : "; last polling failure: " + lastTransientFailure.getMessage()));
            }
            sleep(Math.min(delay.toNanos(), remaining), canisterId, method);
            delay = delay.multipliedBy(2).compareTo(MAX_POLL_DELAY) > 0 ? MAX_POLL_DELAY : delay.multipliedBy(2);
        }
    }

    /** The reply when the call has one, empty while it is still in flight. */
    private Optional<byte[]> readFinalStatus(Principal canisterId, Principal effectiveCanisterId, String method,
            RequestId requestId) throws IcCallException {
        List<List<byte[]>> paths = List.of(List.of("request_status".getBytes(StandardCharsets.US_ASCII), requestId.get()));
        CompletableFuture<Agent.CertificateResponse> response;
        try {
            response = agent.readStateRaw(Ic4jPrincipals.toIc4j(effectiveCanisterId), paths, false, null);
        } catch (AgentError e) {
            throw mapFailure(canisterId, method, e, false);
        }
        Certificate certificate = await(response, transport.timeoutWithRetries(0), canisterId, method, false).certificate;
        return finalStatus(certificate, canisterId, method, requestId);
    }

    /** The certificate of a synchronous call, checked as ic4j checks those of read_state. */
    private Certificate verified(byte[] certificateBytes, Principal canisterId, Principal effectiveCanisterId,
            String method) throws IcCallException {
        try {
            Certificate certificate = Ic4jCertificates.decode(certificateBytes);
            if (verifiesCertificates) {
                agent.verify(certificate, Ic4jPrincipals.toIc4j(effectiveCanisterId), false);
            }
            return certificate;
        } catch (java.io.IOException e) {
            throw IcCallException.protocol(canisterId, method, "the call's certificate is not readable: " + e.getMessage(), e);
        } catch (AgentError e) {
            throw mapFailure(canisterId, method, e, false);
        }
    }

    /** The reply when the certificate shows one, empty while the call is still in flight. */
    private Optional<byte[]> finalStatus(Certificate certificate, Principal canisterId, String method,
            RequestId requestId) throws IcCallException {
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

    private static Optional<byte[]> lookup(Certificate certificate, RequestId requestId, String field) {
        // ic4j's lookupPath consumes (removes from) the list it is given: hand it a mutable copy.
        List<Label> path = new ArrayList<>(List.of(
                new Label("request_status"), new Label(requestId.get()), new Label(field)));
        LookupResult result = certificate.tree.lookupPath(path);
        if (result != null && result.status == LookupResult.LookupResultStatus.FOUND && result.value != null) {
            return Optional.of(result.value);
        }
        return Optional.empty();
    }

    /** @param httpTimeout the longest the exchange may take, retries included */
    private <T> T await(CompletableFuture<T> future, Duration httpTimeout, Principal canisterId, String method,
            boolean isQuery) throws IcCallException {
        try {
            // The transport enforces the HTTP timeout; this bound only guards against a future never completing.
            return future.get(httpTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw mapFailure(canisterId, method, e.getCause(), isQuery);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw IcCallException.timeout(canisterId, method, "no HTTP answer within " + httpTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IcCallException.timeout(canisterId, method, "interrupted while waiting for the replica");
        } catch (AgentError e) {
            throw mapFailure(canisterId, method, e, isQuery);
        }
    }

    private static IcCallException mapFailure(Principal canisterId, String method, Throwable failure, boolean isQuery) {
        Throwable cause = HttpReplicaTransport.rootCause(failure);
        // Our transport's own failures may sit under an AgentError wrapper: look down the chain first.
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NonReplicatedRejectionException r) {
                return IcCallException.rejected(canisterId, method, rejectCode(r.rejectCode()),
                        r.errorCode() != null ? r.errorCode()
                                : RejectTexts.findErrorCode(r.rejectMessage(), Optional.of(r.rejectCode())).orElse(null),
                        r.rejectMessage());
            }
            if (t instanceof ReplicaHttpException h) {
                return IcCallException.httpError(canisterId, method, h.statusCode(), h.body(), h);
            }
            if (t instanceof java.io.IOException io) {
                return IcCallException.network(canisterId, method, String.valueOf(io.getMessage()), io);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (cause instanceof AgentError agentError) {
            if (agentError.getCode() == AgentError.AgentErrorCode.REPLICA_ERROR) {
                RejectTexts.ParsedReject parsed = RejectTexts.parse(agentError.getMessage());
                return IcCallException.rejected(canisterId, method,
                        rejectCode(parsed.rejectCode().orElse(RejectCode.SYS_UNKNOWN.code())),
                        parsed.errorCode().orElse(null), parsed.message());
            }
            if (agentError.getCode() == AgentError.AgentErrorCode.HTTP_ERROR
                    || agentError.getCode() == AgentError.AgentErrorCode.TRANSPORT_ERROR) {
                return IcCallException.network(canisterId, method, agentError.getMessage(), agentError);
            }
            return IcCallException.protocol(canisterId, method, "ic4j: " + agentError.getMessage(), agentError);
        }
        return IcCallException.protocol(canisterId, method, cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                cause);
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
