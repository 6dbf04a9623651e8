package io.github.icmaven.core.ic;

import io.github.icmaven.core.ic.transport.RetryPolicy;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.faults.Faults;
import io.github.icmaven.replica.faults.Trigger;
import io.github.icmaven.replica.faults.When;
import io.github.icmaven.replica.http.ReplicaProxy;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestIdentities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries against the embedded replica's faults, judged by the counter canister: {@code inc} is the call that
 * must never run twice, so it shows whether a retry was safe.
 */
@Timeout(120)
class IcCallerRetryTest {
    /** Backoff of a millisecond: the tests need the retries, not the waiting. */
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(1));
    private static final byte[] NO_ARG = TestCanisters.encodeEmpty();

    private static EmbeddedReplica replica;
    private static Faults faults;
    private static IcCaller caller;
    private static ManagementCanisterClient client;
    private static final List<String> retries = new CopyOnWriteArrayList<>();

    private Principal counter;

    @BeforeAll
    static void start() throws Exception {
        faults = new Faults();
        replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral(), faults.decorator());
        caller = connect(IcCaller.DEFAULT_HTTP_TIMEOUT);
        client = new ManagementCanisterClient(caller);
    }

    @AfterAll
    static void stop() throws Exception {
        caller.close();
        replica.close();
    }

    @BeforeEach
    void newCounter() throws Exception {
        counter = client.provisionalCreateCanisterWithCycles(Optional.of(BigInteger.TEN.pow(13)), Optional.empty(), List.of());
        client.installCode(counter, InstallMode.install(), TestCanisters.counterV1(), NO_ARG);
        retries.clear();
    }

    @AfterEach
    void switchFaultsOff() {
        faults.clear();
    }

    @Test
    void aCallWhoseAnswerIsLostIsSentAgainAsTheSameRequestAndRunsOnce() throws Exception {
        faults.dropConnection("inc", 1, When.AFTER_EXECUTION);

        assertEquals(1, inc());
        assertEquals(1, get(), "executed once");
        assertEquals(1, retries.size(), retries.toString());
        assertTrue(retries.get(0).startsWith("Sending call inc again, the same signed request (attempt 2 of 4"),
                retries.get(0));
    }

    @Test
    void aCallRefusedWithHttp5xxBeforeExecutionRunsOnItsRetry() throws Exception {
        faults.http5xx("inc", 1, 503, When.BEFORE_EXECUTION);
        assertEquals(1, inc());
        assertEquals(1, get());
        assertTrue(retries.get(0).contains("HTTP 503"), retries.toString());
    }

    @Test
    void aLostPollIsRepeated() throws Exception {
        // Calls are polled where the replica has no synchronous call endpoint (or answers 202).
        try (ReplicaProxy older = ReplicaProxy.refusing(replica.url(), path -> path.matches("/api/v[34]/canister/[^/]+/call"));
             IcCaller polling = connect(older.url(), IcCaller.DEFAULT_HTTP_TIMEOUT)) {
            faults.http5xx(Trigger.poll("inc", 1), 500, When.AFTER_EXECUTION);
            assertEquals(1, TestCanisters.decodeNat64(polling.update(counter, counter, "inc", NO_ARG)));
        }
        assertEquals(1, get());
        assertTrue(retries.get(0).startsWith("Sending read_state"), retries.toString());
    }

    @Test
    void aQueryWhoseAnswerIsLostIsRepeated() throws Exception {
        faults.http5xx("get", 1, 502, When.AFTER_EXECUTION);
        assertEquals(0, get());
        assertEquals(1, retries.size(), retries.toString());
    }

    @Test
    void aReplyLaterThanTheHttpTimeoutIsFetchedBySendingTheSameRequestAgain() throws Exception {
        try (IcCaller impatient = connect(Duration.ofMillis(1500))) {
            faults.delay("inc", 1, Duration.ofMillis(3000), When.AFTER_EXECUTION);
            assertEquals(1, TestCanisters.decodeNat64(impatient.update(counter, counter, "inc", NO_ARG)));
        }
        assertEquals(1, get());
        assertTrue(retries.get(0).contains("no answer in time"), retries.toString());
    }

    @Test
    void retriesAreBounded() {
        for (int nth = 1; nth <= 4; nth++) {
            faults.http5xx("inc", nth, 503, When.BEFORE_EXECUTION);
        }
        IcCallException e = assertThrows(IcCallException.class, this::inc);
        assertEquals(IcCallException.Kind.HTTP_ERROR, e.kind(), e.getMessage());
        assertEquals(3, retries.size(), retries.toString());
    }

    @Test
    void aManagementCallRejectedAsTransientIsMadeAgain() throws Exception {
        faults.rejectNth("canister_status", 1, RejectCode.SYS_TRANSIENT, "IC0207", outOfCycles());
        assertEquals(CanisterRunStatus.RUNNING, client.canisterStatus(counter).status());
        assertEquals(1, retries.size(), retries.toString());
        assertTrue(retries.get(0).contains("rejected it as transient (IC0207)"), retries.get(0));
    }

    @Test
    void aQueryRejectedAsTransientIsMadeAgain() throws Exception {
        faults.rejectNth("get", 1, RejectCode.SYS_TRANSIENT, "IC0207", outOfCycles());
        assertEquals(0, get());
        assertEquals(1, retries.size(), retries.toString());
    }

    @Test
    void aCanisterCallRejectedAsTransientIsNotMadeAgain() throws Exception {
        // The spec promises nothing about how much of a rejected canister call ran: only the caller may decide.
        faults.rejectNth("inc", 1, RejectCode.SYS_TRANSIENT, "IC0207", outOfCycles());
        IcCallException e = assertThrows(IcCallException.class, this::inc);
        assertEquals(Optional.of(RejectCode.SYS_TRANSIENT), e.rejectCode());
        assertEquals(List.of(), retries);
        assertEquals(0, get());
    }

    @Test
    void canisterRejectsAreFinal() {
        faults.rejectNth("stop_canister", 1, RejectCode.CANISTER_ERROR, "IC0504",
                "Canister " + counter + " violated contract: injected");
        IcCallException e = assertThrows(IcCallException.class, () -> client.stopCanister(counter));
        assertEquals(Optional.of("IC0504"), e.errorCode());
        assertEquals(List.of(), retries);
    }

    /** What the IC answers for a frozen canister: SYS_TRANSIENT, as the spec says. */
    private String outOfCycles() {
        return "Canister " + counter + " is out of cycles: please top up the canister with at least 1000 additional cycles";
    }

    private long inc() throws IcCallException {
        return TestCanisters.decodeNat64(caller.update(counter, counter, "inc", NO_ARG));
    }

    private long get() throws IcCallException {
        return TestCanisters.decodeNat64(caller.query(counter, counter, "get", NO_ARG));
    }

    private static IcCaller connect(Duration httpTimeout) throws Exception {
        return connect(replica.url(), httpTimeout);
    }

    private static IcCaller connect(URI url, Duration httpTimeout) throws Exception {
        return IcCaller.connect(IcNetwork.resolve(url.toString()), TestIdentities.newEd25519().identity(),
                httpTimeout, IcCaller.DEFAULT_CALL_TIMEOUT, FAST, retries::add);
    }
}
