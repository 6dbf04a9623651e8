package io.github.icmaven.replica.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.replica.certification.NodeSigningKey;
import io.github.icmaven.replica.node.CountingEchoRouter;
import io.github.icmaven.replica.node.EchoRouter;
import io.github.icmaven.replica.node.ReplicaNode;
import io.github.icmaven.replica.faults.AnonymousRequests.Answer;
import io.github.icmaven.replica.faults.AnonymousRequests.Envelope;
import io.github.icmaven.replica.http.ReplicaHttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each fault over real HTTP, judged by what a client gets and by whether the call was executed (an echo
 * canister that counts its update executions).
 */
@Timeout(60)
class FaultInjectionTest {
    private static final Principal ECHO = EchoRouter.ECHO;
    private static final Principal OTHER = Principal.canisterId(99);
    private static final byte[] ARG = {'D', 'I', 'D', 'L', 0, 0};
    private static final String OUT_OF_CYCLES = "Canister " + ECHO
            + " is out of cycles: please top up the canister with at least 1000 additional cycles";

    private static final Faults faults = new Faults();
    private static final CountingEchoRouter router = new CountingEchoRouter();
    private static ReplicaHttpServer server;
    private static AnonymousRequests requests;

    @BeforeAll
    static void start() throws Exception {
        ReplicaNode core = new ReplicaNode(new FaultInjectingRouter(router, faults), BlsRootKey.random(),
                NodeSigningKey.random(), () -> System.currentTimeMillis() * 1_000_000L);
        server = ReplicaHttpServer.start(new InetSocketAddress("127.0.0.1", 0), new FaultInjectingEndpoints(core, faults));
        requests = new AnonymousRequests(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void resetCount() {
        router.resetCount();
    }

    @AfterEach
    void switchOff() {
        faults.clear();
    }

    @Test
    void offByDefault() throws Exception {
        Envelope call = AnonymousRequests.call(ECHO, "echo", ARG);
        assertEquals(202, post("call", call).status());
        assertEquals(Optional.of("replied"), requests.status(ECHO, call.requestId()));
        assertEquals(1, router.executions());
        assertEquals(List.of(), faults.fired());
    }

    @Test
    void rejectStrikesOnlyTheNthCallAndTheRejectedCallIsNotExecuted() throws Exception {
        faults.rejectNth("echo", 2, RejectCode.SYS_TRANSIENT, "IC0207", OUT_OF_CYCLES);
        Envelope first = AnonymousRequests.call(ECHO, "echo", ARG);
        Envelope second = AnonymousRequests.call(ECHO, "echo", ARG);
        Envelope third = AnonymousRequests.call(ECHO, "echo", ARG);
        for (Envelope call : List.of(first, second, third)) {
            assertEquals(202, post("call", call).status());
        }

        assertEquals(2, router.executions());
        assertEquals(Optional.of("replied"), requests.status(ECHO, first.requestId()));
        assertEquals(Optional.of("rejected"), requests.status(ECHO, second.requestId()));
        assertArrayEquals(new byte[] {2}, requests.field(ECHO, second.requestId(), "reject_code").orElseThrow());
        assertEquals("IC0207", AnonymousRequests.text(requests.field(ECHO, second.requestId(), "error_code").orElseThrow()));
        assertEquals(OUT_OF_CYCLES,
                AnonymousRequests.text(requests.field(ECHO, second.requestId(), "reject_message").orElseThrow()));
        assertEquals(Optional.of("replied"), requests.status(ECHO, third.requestId()));
        assertEquals(List.of("reject SYS_TRANSIENT (IC0207): call #2 of echo"), faults.fired());
    }

    @Test
    void rejectedQueryCarriesTheRejectAsTheIcSendsIt() throws Exception {
        faults.reject(Trigger.call("q", 1), new IcReject(RejectCode.CANISTER_ERROR, "IC0504", "Canister " + ECHO
                + " violated contract: injected"));
        Answer answer = post("query", AnonymousRequests.query(ECHO, "q", ARG));
        assertEquals(200, answer.status());
        assertEquals("rejected", answer.cbor().get("status"));
        assertEquals(5L, answer.cbor().get("reject_code"));
        assertEquals("IC0504", answer.cbor().get("error_code"));
        assertEquals("replied", post("query", AnonymousRequests.query(ECHO, "q", ARG)).cbor().get("status"));
    }

    @Test
    void errorStatusBeforeExecutionLeavesTheCallUnknownUntilItIsSentAgain() throws Exception {
        faults.http5xx("echo", 1, 503, When.BEFORE_EXECUTION);
        Envelope call = AnonymousRequests.call(ECHO, "echo", ARG);

        Answer failed = post("call", call);
        assertEquals(503, failed.status());
        assertEquals("Service Unavailable (HTTP 503 before execution, injected by the embedded replica)", failed.text());
        assertEquals(0, router.executions());
        assertEquals(Optional.empty(), requests.status(ECHO, call.requestId()));

        assertEquals(202, post("call", call).status());
        assertEquals(1, router.executions());
    }

    @Test
    void errorStatusAfterExecutionLosesOnlyTheAnswerAndTheSameEnvelopeDoesNotRunTwice() throws Exception {
        faults.http5xx("echo", 1, 500, When.AFTER_EXECUTION);
        Envelope call = AnonymousRequests.call(ECHO, "echo", ARG);

        assertEquals(500, post("call", call).status());
        assertEquals(1, router.executions());
        assertEquals(202, post("call", call).status());
        assertEquals(1, router.executions(), "a repeated submission of a known request id is not executed again");
        assertEquals(Optional.of("replied"), requests.status(ECHO, call.requestId()));
    }

    @Test
    void droppedConnectionBeforeOrAfterExecution() throws Exception {
        faults.dropConnection("echo", 1, When.BEFORE_EXECUTION).dropConnection("echo", 2, When.AFTER_EXECUTION);
        Envelope call = AnonymousRequests.call(ECHO, "echo", ARG);

        assertEquals(0, post("call", call).status(), "no answer at all");
        assertEquals(0, router.executions());
        assertEquals(0, post("call", call).status(), "no answer at all");
        assertEquals(1, router.executions());
        assertEquals(202, post("call", call).status());
        assertEquals(1, router.executions());
        assertEquals(2, faults.fired().size(), faults.fired().toString());
    }

    @Test
    void delayHoldsBackTheAnswer() throws Exception {
        faults.delay("echo", 1, Duration.ofMillis(300), When.AFTER_EXECUTION);
        long started = System.nanoTime();
        assertEquals(202, post("call", AnonymousRequests.call(ECHO, "echo", ARG)).status());
        assertTrue(System.nanoTime() - started >= 300_000_000L);
        assertEquals(1, router.executions());
    }

    @Test
    void pollFaultStrikesTheReadStateOfThatCall() throws Exception {
        faults.http5xx(Trigger.poll("echo", 1), 503, When.BEFORE_EXECUTION);
        Envelope unrelated = AnonymousRequests.call(ECHO, "other", ARG);
        Envelope call = AnonymousRequests.call(ECHO, "echo", ARG);
        assertEquals(202, post("call", unrelated).status());
        assertEquals(202, post("call", call).status());

        assertEquals(Optional.of("replied"), requests.status(ECHO, unrelated.requestId()));
        assertEquals(503, post("read_state", AnonymousRequests.poll(call.requestId())).status());
        assertEquals(Optional.of("replied"), requests.status(ECHO, call.requestId()));
    }

    @Test
    void canisterScopedFaultIgnoresOtherCanisters() throws Exception {
        faults.http5xx(Trigger.call("echo", 1).onCanister(OTHER), 503, When.BEFORE_EXECUTION);
        assertEquals(202, post("call", AnonymousRequests.call(ECHO, "echo", ARG)).status());
        assertEquals(List.of(), faults.fired());
        assertEquals(List.of("HTTP 503 before execution: call #1 of echo on " + OTHER), faults.pending());
    }

    @Test
    void clearSwitchesEveryFaultOff() throws Exception {
        faults.http5xx("echo", 1, 503, When.BEFORE_EXECUTION).rejectNth("echo", 1, RejectCode.SYS_FATAL, "IC0101", "x");
        faults.clear();
        assertEquals(202, post("call", AnonymousRequests.call(ECHO, "echo", ARG)).status());
        assertEquals(1, router.executions());
        assertEquals(List.of(), faults.pending());
    }

    @Test
    void faultsRefuseWhatCannotBeInjected() {
        assertThrows(IllegalArgumentException.class, () -> faults.http5xx("echo", 1, 404, When.BEFORE_EXECUTION));
        assertThrows(IllegalArgumentException.class, () -> faults.dropConnection("echo", 0, When.BEFORE_EXECUTION));
        assertThrows(IllegalArgumentException.class, () -> faults.delay("echo", 1, Duration.ofMillis(-1), When.AFTER_EXECUTION));
    }

    private static Answer post(String operation, Envelope envelope) throws InterruptedException {
        return requests.post(operation, ECHO, envelope);
    }
}
