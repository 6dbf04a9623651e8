package io.github.icmaven.replica.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.auth.VerifiedRequest;
import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.NodeSigningKey;
import io.github.icmaven.replica.http.ReplicaEndpoints.CallResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The IC executes a request id at most once, however often and however concurrently it is submitted. */
@Timeout(30)
class ReplicaNodeDeduplicationTest {
    private static final Principal ECHO = EchoRouter.ECHO;

    @Test
    void aSubmissionOfACallStillExecutingIsAcceptedWithoutRunningItAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountingEchoRouter router = new CountingEchoRouter(() -> {
            started.countDown();
            awaitQuietly(release);
        });
        ReplicaNode core = new ReplicaNode(router, BlsRootKey.random(), NodeSigningKey.random(),
                () -> System.currentTimeMillis() * 1_000_000L);
        VerifiedRequest call = call(new byte[] {1});

        CompletableFuture<CallResponse> first = CompletableFuture.supplyAsync(() -> core.call(call, ECHO, true));
        started.await(10, TimeUnit.SECONDS);
        CallResponse duplicate = core.call(call, ECHO, true);
        release.countDown();

        assertNull(assertInstanceOf(CallResponse.Accepted.class, duplicate).certificate(),
                "no final status to certify yet: a synchronous client is told to poll");
        assertNotNull(assertInstanceOf(CallResponse.Accepted.class, first.get(10, TimeUnit.SECONDS)).certificate());
        assertEquals(1, router.executions());
        assertNotNull(assertInstanceOf(CallResponse.Accepted.class, core.call(call, ECHO, true)).certificate(),
                "a later replay is answered with the call's certified status");
        assertEquals(1, router.executions());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static VerifiedRequest call(byte[] requestId) {
        byte[] id = new byte[32];
        System.arraycopy(requestId, 0, id, 0, requestId.length);
        long expiry = (System.currentTimeMillis() + 60_000) * 1_000_000L;
        return new VerifiedRequest(VerifiedRequest.CALL, Principal.ANONYMOUS, ECHO, "echo", new byte[0], expiry, null,
                null, id, Map.of(), null);
    }
}
