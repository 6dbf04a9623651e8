package io.github.icmaven.replica.management;

import static io.github.icmaven.replica.management.Replica.ALICE;
import static io.github.icmaven.replica.management.Replica.BOB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CallOutcome;
import io.github.icmaven.replica.management.CanisterArgs.CanisterIdArgs;
import io.github.icmaven.replica.management.CanisterArgs.CanisterStatusResult;
import io.github.icmaven.replica.management.CanisterArgs.ProvisionalCreateArgs;
import io.github.icmaven.replica.management.CanisterArgs.UpdateSettingsArgs;
import io.github.icmaven.replica.state.CanisterSettings;
import io.github.icmaven.replica.state.CanisterStatus;
import io.github.icmaven.replica.state.Visibility;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private final Replica r = new Replica();

    @Test
    void createdCanistersGetSequentialIdsTheCallerAsControllerAndDefaults() throws IcReject {
        Principal first = r.create();
        Principal second = r.create();

        assertEquals(Principal.canisterId(0), first);
        assertEquals(Principal.canisterId(1), second);
        CanisterStatusResult status = r.mgmt.canisterStatus(ALICE, new CanisterIdArgs(first));
        assertEquals(List.of(ALICE), status.settings().controllers());
        assertEquals(CanisterStatus.RUNNING, status.status());
        assertEquals(CanisterSettings.DEFAULT_FREEZING_THRESHOLD, status.settings().settings().freezingThreshold());
        assertEquals(ManagementCanister.DEFAULT_PROVISIONAL_CYCLES, status.cycles());
        assertTrue(status.moduleHash().isEmpty());
        assertEquals(0, status.version());
    }

    @Test
    void specifiedIdIsUsedAndSkippedByLaterAllocation() throws IcReject {
        Principal wanted = Principal.canisterId(0);
        r.mgmt.provisionalCreateCanisterWithCycles(ALICE, new ProvisionalCreateArgs(
                Optional.of(BigInteger.TEN), Optional.empty(), Optional.of(wanted), OptionalLong.empty()));

        assertEquals(Principal.canisterId(1), r.create());
        IcReject again = assertThrows(IcReject.class, () -> r.mgmt.provisionalCreateCanisterWithCycles(ALICE,
                new ProvisionalCreateArgs(Optional.empty(), Optional.empty(), Optional.of(wanted), OptionalLong.empty())));
        assertEquals("IC0205", again.errorCode());
        assertEquals(BigInteger.TEN, r.canister(wanted).cycles());
    }

    @Test
    void nonControllerGetsTheReplicaText() throws IcReject {
        Principal id = r.create();

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.canisterStatus(BOB, new CanisterIdArgs(id)));

        assertEquals(RejectCode.CANISTER_ERROR, e.rejectCode());
        assertEquals("IC0512", e.errorCode());
        assertEquals("Only the controllers of the canister " + id + " can control it.\n"
                + "Canister's controllers: " + ALICE + "\n"
                + "Sender's ID: " + BOB + "\n"
                + "Execute this call from a controller of the target canister or add the current caller as a controller."
                + " See documentation: http://internetcomputer.org/docs/current/references/execution-errors#invalid-controller",
                e.getMessage());
    }

    @Test
    void controllersAreListedInPrincipalOrderSeparatedBySpaces() throws IcReject {
        Principal id = r.create();
        r.mgmt.updateSettings(ALICE, new UpdateSettingsArgs(id, SettingsUpdate.controllersOnly(List.of(BOB, ALICE)),
                OptionalLong.empty()));

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.stopCanister(Principal.ANONYMOUS, new CanisterIdArgs(id)));

        assertTrue(e.getMessage().contains("Canister's controllers: " + ALICE + " " + BOB + "\n"), e.getMessage());
    }

    @Test
    void unknownCanisterIsIc0301() {
        Principal missing = Principal.canisterId(42);

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.canisterStatus(ALICE, new CanisterIdArgs(missing)));

        assertEquals(RejectCode.DESTINATION_INVALID, e.rejectCode());
        assertEquals("IC0301", e.errorCode());
        assertTrue(e.getMessage().startsWith("Canister " + missing + " not found."));
    }

    @Test
    void updateSettingsReplacesControllersBumpsVersionAndRejectsMoreThanTen() throws IcReject {
        Principal id = r.create();
        r.mgmt.updateSettings(ALICE, new UpdateSettingsArgs(id,
                SettingsUpdate.controllersOnly(List.of(ALICE, BOB)).withFreezingThreshold(BigInteger.ONE),
                OptionalLong.empty()));

        CanisterStatusResult status = r.mgmt.canisterStatus(BOB, new CanisterIdArgs(id));
        assertEquals(List.of(ALICE, BOB), status.settings().controllers());
        assertEquals(BigInteger.ONE, status.settings().settings().freezingThreshold());
        assertEquals(1, status.version());

        List<Principal> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Principal.of(new byte[] {(byte) i, 9}));
        }
        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.updateSettings(ALICE,
                new UpdateSettingsArgs(id, SettingsUpdate.controllersOnly(eleven), OptionalLong.empty())));
        assertEquals("IC0504", e.errorCode());
        assertTrue(e.getMessage().startsWith(
                "Could not validate the settings: Invalid settings: 'controllers' length exceeds maximum size allowed of 10. \n"),
                e.getMessage());
        assertEquals(List.of(ALICE, BOB), r.canister(id).controllers());
    }

    @Test
    void publicStatusVisibilityLetsAnyoneRead() throws IcReject {
        Principal id = r.create();
        SettingsUpdate publicStatus = new SettingsUpdate(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Visibility.PUBLIC), Optional.empty(), Optional.empty(), Optional.empty());
        r.mgmt.updateSettings(ALICE, new UpdateSettingsArgs(id, publicStatus, OptionalLong.empty()));

        assertEquals(CanisterStatus.RUNNING, r.mgmt.canisterStatus(BOB, new CanisterIdArgs(id)).status());
    }

    @Test
    void stopCompletesAtOnceAndCallsAreRejectedUntilStart() throws IcReject {
        Principal id = r.createWith("m1");
        r.stop(id);

        assertEquals(CanisterStatus.STOPPED, r.mgmt.canisterStatus(ALICE, new CanisterIdArgs(id)).status());
        IcReject update = assertThrows(IcReject.class, () -> r.update(id, "set_heap", "x"));
        assertEquals("IC0508", update.errorCode());
        assertEquals("Canister " + id + " is stopped", update.getMessage());
        IcReject query = assertThrows(IcReject.class, () -> r.mgmt.callQuery(ALICE, id, "echo", new byte[0]));
        assertEquals("IC0508", query.errorCode());

        r.mgmt.startCanister(ALICE, new CanisterIdArgs(id));
        r.update(id, "set_heap", "x");
        assertEquals("x", r.heapPrefix(id, 1));
    }

    @Test
    void stoppingCanisterRejectsCallsWithIc0509() throws IcReject {
        Principal id = r.createWith("m1");
        r.canister(id).setStatus(CanisterStatus.STOPPING);

        IcReject e = assertThrows(IcReject.class, () -> r.update(id, "set_heap", "x"));

        assertEquals("IC0509", e.errorCode());
        assertEquals("Canister " + id + " is stopping", e.getMessage());
    }

    @Test
    void callsToEmptyCanisterAreIc0537() throws IcReject {
        Principal id = r.create();

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.callQuery(ALICE, id, "echo", new byte[0]));

        assertEquals("IC0537", e.errorCode());
        assertEquals("Error from Canister " + id + ": Attempted to execute a message, but the canister contains no Wasm module..\n"
                + "Please install code to this canister before calling it. See documentation: "
                + "http://internetcomputer.org/docs/current/references/execution-errors#wasm-module-not-found",
                e.getMessage());
    }

    @Test
    void updatesBumpVersionTrapsAndQueriesDoNot() throws IcReject {
        Principal id = r.createWith("m1");
        long afterInstall = r.canister(id).version();

        r.update(id, "set_heap", "a");
        assertThrows(IcReject.class, () -> r.update(id, "trap", ""));
        CallOutcome echoed = r.mgmt.callQuery(ALICE, id, "echo", new byte[] {7});

        assertEquals(afterInstall + 1, r.canister(id).version());
        assertArrayEquals(new byte[] {7}, ((CallOutcome.Reply) echoed).bytes());
    }

    @Test
    void deleteNeedsAStoppedCanister() throws IcReject {
        Principal id = r.createWith("m1");

        IcReject e = assertThrows(IcReject.class, () -> r.mgmt.deleteCanister(ALICE, new CanisterIdArgs(id)));
        assertEquals("IC0510", e.errorCode());

        r.stop(id);
        r.mgmt.deleteCanister(ALICE, new CanisterIdArgs(id));
        assertFalse(r.state.exists(id));
    }
}
