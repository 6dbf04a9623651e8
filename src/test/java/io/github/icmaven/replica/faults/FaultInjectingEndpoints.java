package io.github.icmaven.replica.faults;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.auth.VerifiedRequest;
import io.github.icmaven.replica.http.ForwardingEndpoints;
import io.github.icmaven.replica.http.HttpFailure;
import io.github.icmaven.replica.http.ReplicaEndpoints;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies the HTTP faults (error status, dropped connection, delay) to the requests they pick, before or
 * after the replica executes them; everything else passes straight to the replica.
 */
public final class FaultInjectingEndpoints extends ForwardingEndpoints {
    private static final byte[] REQUEST_STATUS = "request_status".getBytes(StandardCharsets.US_ASCII);

    private final Faults faults;

    public FaultInjectingEndpoints(ReplicaEndpoints replica, Faults faults) {
        super(replica);
        this.faults = faults;
    }

    @Override
    public CallResponse call(VerifiedRequest request, Principal effectiveCanisterId, boolean certificateWanted) {
        if (!faults.active()) {
            return replica.call(request, effectiveCanisterId, certificateWanted);
        }
        faults.noteCall(request.requestId(), request.methodName());
        return withFault(faults.httpFaultFor(Trigger.Kind.MESSAGE, request.methodName(), effectiveCanisterId),
                () -> replica.call(request, effectiveCanisterId, certificateWanted));
    }

    @Override
    public Map<String, Object> query(VerifiedRequest request, Principal effectiveCanisterId) {
        if (!faults.active()) {
            return replica.query(request, effectiveCanisterId);
        }
        return withFault(faults.httpFaultFor(Trigger.Kind.MESSAGE, request.methodName(), effectiveCanisterId),
                () -> replica.query(request, effectiveCanisterId));
    }

    @Override
    public byte[] readState(VerifiedRequest request, Principal effectiveCanisterId, Principal effectiveSubnetId,
                            int apiVersion) {
        Supplier<byte[]> execution = () -> replica.readState(request, effectiveCanisterId, effectiveSubnetId, apiVersion);
        if (!faults.active()) {
            return execution.get();
        }
        Optional<String> polledMethod = polledRequestId(request.paths()).flatMap(faults::methodOfCall);
        if (polledMethod.isEmpty()) {
            return execution.get();
        }
        return withFault(faults.httpFaultFor(Trigger.Kind.POLL, polledMethod.get(), effectiveCanisterId), execution);
    }

    private static <T> T withFault(Optional<Fault.HttpFault> fault, Supplier<T> execution) {
        if (fault.isEmpty()) {
            return execution.get();
        }
        if (fault.get().when() == When.BEFORE_EXECUTION) {
            strike(fault.get());
            return execution.get();
        }
        T result = execution.get();
        strike(fault.get());
        return result;
    }

    /** Throws for an error status or a dropped connection; holds the thread for a delay. */
    private static void strike(Fault.HttpFault fault) {
        if (fault instanceof Fault.ErrorStatus error) {
            throw HttpFailure.status(error.status(), reasonPhrase(error.status()) + " (" + fault
                    + ", injected by the embedded replica)");
        }
        if (fault instanceof Fault.DropConnection) {
            throw HttpFailure.dropConnection();
        }
        sleep((Fault.Delay) fault);
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Server Error";
        };
    }

    private static void sleep(Fault.Delay delay) {
        try {
            Thread.sleep(delay.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the replica is shutting down: answer at once
        }
    }

    /** The request id a read_state asks the status of, if it asks for one. */
    private static Optional<byte[]> polledRequestId(List<List<byte[]>> paths) {
        for (List<byte[]> path : paths) {
            if (path.size() >= 2 && Arrays.equals(path.get(0), REQUEST_STATUS)) {
                return Optional.of(path.get(1));
            }
        }
        return Optional.empty();
    }
}
