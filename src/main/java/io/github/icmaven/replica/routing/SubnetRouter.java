package io.github.icmaven.replica.routing;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RejectCode;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.node.CanisterView;
import io.github.icmaven.replica.node.MessageRouter;
import io.github.icmaven.replica.execution.CallOutcome;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.WasmModule;
import io.github.icmaven.replica.management.CallScheduler;
import io.github.icmaven.replica.management.CanisterArgs;
import io.github.icmaven.replica.management.ManagementCanister;
import io.github.icmaven.replica.management.Rejects;
import io.github.icmaven.replica.management.SettingsUpdate;
import io.github.icmaven.replica.state.Canister;
import io.github.icmaven.replica.state.CanisterStatus;
import io.github.icmaven.replica.state.ReplicaState;
import io.github.icmaven.replica.system.CyclesLedger;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Routes messages on the single subnet: management canister, built-in cycles ledger, user canisters. */
public final class SubnetRouter implements MessageRouter {
    private final ReplicaState state;
    private final ManagementCanister management;
    private final ManagementInterface managementInterface;
    private final CyclesLedger cyclesLedger;
    private final CallScheduler scheduler;

    public SubnetRouter(ReplicaState state, ManagementCanister management) {
        this.state = state;
        this.management = management;
        this.managementInterface = new ManagementInterface(management);
        this.cyclesLedger = new CyclesLedger(this::createForLedger);
        this.scheduler = new CallScheduler(state, new SystemCanisters());
    }

    @Override
    public Optional<Principal> effectiveCanisterId(Principal canisterId, String method, byte[] arg) throws IcReject {
        if (canisterId.isManagementCanister()) {
            return managementInterface.targetCanister(method, arg);
        }
        return Optional.of(canisterId);
    }

    @Override
    public void acceptIngress(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        if (canisterId.equals(CyclesLedger.ID)) {
            return;
        }
        if (canisterId.isManagementCanister()) {
            Optional<Principal> target = managementInterface.targetCanister(method, arg);
            if (target.isPresent() && managementInterface.requiresController(method)) {
                Canister canister = existing(target.get());
                if (!canister.isController(caller)) {
                    throw Rejects.notController(canister, caller);
                }
            }
            return;
        }
        Canister canister = existing(canisterId);
        if (canister.status() == CanisterStatus.STOPPED) {
            throw Rejects.canisterStopped(canisterId);
        }
        if (canister.status() == CanisterStatus.STOPPING) {
            throw Rejects.canisterStopping(canisterId);
        }
        if (canister.instance().isEmpty()) {
            throw Rejects.wasmModuleNotFound(canisterId);
        }
    }

    @Override
    public byte[] update(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
        if (canisterId.isManagementCanister()) {
            return managementInterface.call(caller, method, arg);
        }
        if (canisterId.equals(CyclesLedger.ID)) {
            return cyclesLedger.call(caller, method, arg);
        }
        return scheduler.ingress(caller, canisterId, method, arg);
    }

    @Override
    public byte[] query(Principal caller, Principal canisterId, String method, byte[] arg, DataCertifier certifier)
            throws IcReject {
        if (canisterId.isManagementCanister()) {
            if (!managementInterface.isQuery(method)) {
                throw new IcReject(RejectCode.DESTINATION_INVALID, "IC0407",
                        "Management canister method '" + method + "' cannot be called as a query");
            }
            acceptIngress(caller, canisterId, method, arg);
            return managementInterface.call(caller, method, arg);
        }
        if (canisterId.equals(CyclesLedger.ID)) {
            return cyclesLedger.call(caller, method, arg);
        }
        return replyOf(management.callQuery(caller, canisterId, method, arg, () -> certifier.certify(canisterId)));
    }

    @Override
    public List<CanisterView> canisters() {
        synchronized (state) {
            return state.canisters().stream().map(SubnetRouter::view).toList();
        }
    }

    private static CanisterView view(Canister canister) {
        Optional<CanisterInstance> instance = canister.instance();
        Optional<WasmModule> module = instance.map(CanisterInstance::module);
        return new CanisterView(canister.id(), canister.controllers(), canister.moduleHash(),
                module.map(WasmModule::publicMetadata).orElse(Map.of()),
                module.map(WasmModule::privateMetadata).orElse(Map.of()),
                instance.map(CanisterInstance::certifiedData).orElse(new byte[0]),
                OptionalLong.empty(), OptionalLong.empty());
    }

    private Canister existing(Principal canisterId) throws IcReject {
        return state.canister(canisterId).orElseThrow(() -> Rejects.canisterNotFound(canisterId));
    }

    private Principal createForLedger(List<Principal> controllers, BigInteger cycles) throws IcReject {
        // The ledger itself is the caller; the settings make the requester the controller.
        return management.provisionalCreateCanisterWithCycles(CyclesLedger.ID, new CanisterArgs.ProvisionalCreateArgs(
                Optional.of(cycles), Optional.of(SettingsUpdate.controllersOnly(controllers)), Optional.empty(),
                OptionalLong.empty())).canisterId();
    }

    /** The management canister and the cycles ledger as canisters call them (caller: the calling canister). */
    private final class SystemCanisters implements CallScheduler.SystemCanisters {
        @Override
        public boolean hosts(Principal canisterId) {
            return canisterId.isManagementCanister() || canisterId.equals(CyclesLedger.ID);
        }

        @Override
        public Optional<Principal> targetCanister(String method, byte[] arg) throws IcReject {
            return managementInterface.targetCanister(method, arg);
        }

        @Override
        public byte[] call(Principal caller, Principal canisterId, String method, byte[] arg) throws IcReject {
            return canisterId.isManagementCanister() ? managementInterface.call(caller, method, arg)
                    : cyclesLedger.call(caller, method, arg);
        }
    }

    private static byte[] replyOf(CallOutcome outcome) throws IcReject {
        if (outcome instanceof CallOutcome.Reply reply) {
            return reply.bytes();
        }
        return throwReject(((CallOutcome.Reject) outcome).message());
    }

    private static byte[] throwReject(String message) throws IcReject {
        throw new IcReject(RejectCode.CANISTER_REJECT, "IC0406", message);
    }
}
