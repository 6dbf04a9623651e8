package io.github.icmaven.replica.calls;

import static io.github.icmaven.replica.calls.CallTestCanisters.callArg;
import static io.github.icmaven.replica.calls.CallTestCanisters.concat;
import static io.github.icmaven.replica.calls.CallTestCanisters.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.testcanisters.TestReplica;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Canisters of the embedded replica calling each other and the management canister, through its HTTP interface. */
class InterCanisterCallsTest {
    private static final byte[] EMPTY_CANDID = {'D', 'I', 'D', 'L', 0, 0};

    @RegisterExtension
    static final TestReplica replica = new TestReplica();

    @Test
    void ingressIsAnsweredWithTheCalleesReplyOnceTheCallbackRuns() throws Exception {
        Principal caller = CallTestCanisters.install(replica.client(), "caller");
        Principal callee = CallTestCanisters.install(replica.client(), "callee");

        byte[] reply = replica.client().callUpdate(caller, "call", callArg(callee, "echo", utf8("ping")));

        assertArrayEquals(utf8("ping"), reply);
        assertEquals(1, count(callee), "the callee ran once and kept its state");
    }

    @Test
    void callsBetweenTwoCanistersArriveInTheOrderTheyWereMade() throws Exception {
        Principal caller = CallTestCanisters.install(replica.client(), "caller");
        Principal callee = CallTestCanisters.install(replica.client(), "callee");

        replica.client().callUpdate(caller, "call_each_byte", callArg(callee, "append", utf8("ABCDE")));
        replica.client().callUpdate(caller, "call_each_byte", callArg(callee, "append", utf8("xyz")));

        assertEquals("ABCDExyz", new String(replica.client().callQuery(callee, "log", new byte[0]), StandardCharsets.UTF_8));
    }

    @Test
    void aCallOfAMessageThatTrapsIsNeverSent() throws Exception {
        Principal caller = CallTestCanisters.install(replica.client(), "caller");
        Principal callee = CallTestCanisters.install(replica.client(), "callee");

        IcCallException e = assertThrows(IcCallException.class,
                () -> replica.client().callUpdate(caller, "call_then_trap", callArg(callee, "echo", utf8("lost"))));

        assertEquals("IC0503", e.errorCode().orElseThrow());
        assertTrue(e.replicaMessage().contains("caller traps after calling"), e.replicaMessage());
        assertEquals(0, count(callee), "the callee never ran");
    }

    @Test
    void rejectCallbackSeesTheCalleesRejectItsTrapAndSystemRejects() throws Exception {
        Principal caller = CallTestCanisters.install(replica.client(), "caller");
        Principal callee = CallTestCanisters.install(replica.client(), "callee");

        assertReject(RejectCode.CANISTER_REJECT, "callee says no",
                replica.client().callUpdate(caller, "call", callArg(callee, "reject", new byte[0])));
        assertReject(RejectCode.CANISTER_ERROR, "Error from Canister " + callee
                        + ": Canister called `ic0.trap` with message: 'callee trapped'",
                replica.client().callUpdate(caller, "call", callArg(callee, "trap", new byte[0])));
        assertEquals(0, count(callee), "the trapping callee's change was rolled back");
        assertReject(RejectCode.CANISTER_ERROR, "Error from Canister " + callee + ": Canister has no update method 'nope'",
                replica.client().callUpdate(caller, "call", callArg(callee, "nope", new byte[0])));
        Principal missing = Principal.canisterId(999_999);
        assertReject(RejectCode.DESTINATION_INVALID, "Canister " + missing + " not found",
                replica.client().callUpdate(caller, "call", callArg(missing, "echo", new byte[0])));

        replica.client().stopCanister(callee);
        assertReject(RejectCode.CANISTER_ERROR, "Canister " + callee + " is stopped",
                replica.client().callUpdate(caller, "call", callArg(callee, "echo", new byte[0])));
    }

    @Test
    void aTrappingCallbackIsRolledBackRunsCleanupAndAnswersWithItsTrap() throws Exception {
        Principal caller = CallTestCanisters.install(replica.client(), "caller");
        Principal callee = CallTestCanisters.install(replica.client(), "callee");

        IcCallException e = assertThrows(IcCallException.class,
                () -> replica.client().callUpdate(caller, "call_trapping_callback", callArg(callee, "echo", utf8("x"))));

        assertEquals(RejectCode.CANISTER_ERROR, e.rejectCode().orElseThrow());
        assertTrue(e.replicaMessage().contains("caller callback traps"), e.replicaMessage());
        ByteBuffer markers = ByteBuffer.wrap(replica.client().callQuery(caller, "markers", new byte[0]))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, markers.getInt(0), "the callback's write was rolled back");
        assertEquals(1, markers.getInt(4), "cleanup ran once and kept its write");
        assertEquals(1, count(callee), "the callee's execution stands");
    }

    @Test
    void attachedCyclesMoveToTheCalleeAndTheRestIsRefunded() throws Exception {
        Principal caller = CallTestCanisters.install(replica.client(), "caller");
        Principal callee = CallTestCanisters.install(replica.client(), "callee");

        byte[] refund = replica.client().callUpdate(caller, "call_with_cycles", callArg(callee, "accept", new byte[0]));

        assertEquals(4000, ByteBuffer.wrap(refund).order(ByteOrder.LITTLE_ENDIAN).getLong());
        assertEquals(CallTestCanisters.CYCLES.subtract(BigInteger.valueOf(1000)), replica.client().canisterStatus(caller).cycles());
        assertEquals(CallTestCanisters.CYCLES.add(BigInteger.valueOf(1000)), replica.client().canisterStatus(callee).cycles());
    }

    @Test
    void aCanisterCallsTheManagementCanisterAsItself() throws Exception {
        Principal caller = CallTestCanisters.install(replica.client(), "caller");
        Principal other = CallTestCanisters.install(replica.client(), "callee");

        byte[] status = replica.client().callUpdate(caller, "call",
                callArg(Principal.MANAGEMENT_CANISTER, "canister_status", canisterIdArg(caller)));
        assertEquals("DIDL", new String(Arrays.copyOf(status, 4), StandardCharsets.US_ASCII),
                "a canister may read its own status");

        assertReject(RejectCode.CANISTER_ERROR, "Only the controllers of the canister " + other + " can control it.\n"
                        + "Canister's controllers: ",
                replica.client().callUpdate(caller, "call", callArg(Principal.MANAGEMENT_CANISTER, "stop_canister",
                        canisterIdArg(other))));
        assertEquals(CanisterRunStatus.RUNNING, replica.client().canisterStatus(other).status());
    }

    @Test
    void aStoppingCanisterFinishesItsOpenCallsBeforeItStops() throws Exception {
        Principal caller = CallTestCanisters.install(replica.client(), "caller");
        Principal stopping = CallTestCanisters.install(replica.client(), "caller", List.of(replica.client().sender(), caller));
        Principal callee = CallTestCanisters.install(replica.client(), "callee");
        // One message of caller: a call into `stopping` (which itself calls callee), then stop_canister(stopping).
        byte[] first = callArg(stopping, "call_report_status", callArg(callee, "echo", utf8("hi")));
        byte[] second = callArg(Principal.MANAGEMENT_CANISTER, "stop_canister", canisterIdArg(stopping));
        byte[] arg = concat(new byte[] {(byte) first.length}, concat(first, second));

        byte[] answer = replica.client().callUpdate(caller, "call_two", arg);

        // `stopping` ran its callback while stopping (status 2), then stop_canister replied (empty Candid).
        assertArrayEquals(concat(new byte[] {2}, concat(utf8("hi"), EMPTY_CANDID)), answer);
        assertEquals(CanisterRunStatus.STOPPED, replica.client().canisterStatus(stopping).status());
        assertEquals(1, count(callee));
    }

    @Test
    void aCanisterStoppingItselfTimesOutAndKeepsRunning() throws Exception {
        Principal self = Principal.canisterId(5_000);
        replica.client().provisionalCreateCanisterWithCycles(Optional.of(CallTestCanisters.CYCLES), Optional.of(self),
                List.of(replica.client().sender(), self));
        replica.client().installCode(self, InstallMode.install(), CallTestCanisters.wasm("caller"), new byte[0]);

        byte[] answer = replica.client().callUpdate(self, "call",
                callArg(Principal.MANAGEMENT_CANISTER, "stop_canister", canisterIdArg(self)));

        assertReject(RejectCode.SYS_TRANSIENT, "Canister " + self + " could not be stopped", answer);
        assertEquals(CanisterRunStatus.RUNNING, replica.client().canisterStatus(self).status());
    }

    @Test
    void rawRandGivesCanistersFreshRandomBytesAndRefusesIngress() throws Exception {
        Principal caller = CallTestCanisters.install(replica.client(), "caller");
        byte[] rawRand = callArg(Principal.MANAGEMENT_CANISTER, "raw_rand", EMPTY_CANDID);

        byte[] first = Candid.decode(replica.client().callUpdate(caller, "call", rawRand)).get(0).asBlob();
        byte[] second = Candid.decode(replica.client().callUpdate(caller, "call", rawRand)).get(0).asBlob();

        assertEquals(32, first.length);
        assertTrue(!Arrays.equals(first, second), "each call gets new bytes");
        IcCallException e = assertThrows(IcCallException.class,
                () -> replica.client().callUpdate(Principal.MANAGEMENT_CANISTER, "raw_rand", EMPTY_CANDID));
        assertTrue(e.replicaMessage().contains("Only canisters can call ic00 method raw_rand"), e.replicaMessage());
    }

    private static byte[] canisterIdArg(Principal canister) {
        return Candid.encode(List.of(IdlValue.record(IdlValue.field("canister_id", IdlValue.principal(canister)))));
    }

    /** The caller's reject callback answers with [reject code][reject message]. */
    private static void assertReject(RejectCode code, String messageStart, byte[] answer) {
        String message = new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8);
        assertEquals(code.code(), answer[0], message);
        assertTrue(message.startsWith(messageStart), message);
    }

    private static long count(Principal callee) throws IcCallException {
        return ByteBuffer.wrap(replica.client().callQuery(callee, "count", new byte[0])).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
