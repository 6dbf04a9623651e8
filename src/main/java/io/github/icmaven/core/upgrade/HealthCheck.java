package io.github.icmaven.core.upgrade;

import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.CandidException;
import io.github.icmaven.candid.CandidText;
import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;

import java.time.Duration;
import java.util.List;

/**
 * The call after an upgrade that says whether the new code works. A reply that differs from the expected
 * one fails at once; a transient failure (a canister still starting, a busy node) is retried until the timeout.
 */
final class HealthCheck {
    private static final Duration RETRY_DELAY = Duration.ofMillis(250);

    private final HealthCheckConfig config;
    private final byte[] arg;
    private final List<IdlValue> expected;

    private HealthCheck(HealthCheckConfig config, byte[] arg, List<IdlValue> expected) {
        this.config = config;
        this.arg = arg;
        this.expected = expected;
    }

    /** Checks the parameters before anything changes; null when no health method is set. */
    static HealthCheck prepare(HealthCheckConfig config) throws InputException {
        if (config == null || config.method() == null || config.method().isBlank()) {
            return null;
        }
        if (config.timeout() == null || config.timeout().isNegative()) {
            throw new InputException(ParameterName.HEALTH_TIMEOUT, "must be zero or more seconds");
        }
        byte[] arg = CandidInput.fromText(config.arg() == null || config.arg().isBlank() ? "()" : config.arg(),
                ParameterName.HEALTH_ARG);
        List<IdlValue> expected = config.expected() == null || config.expected().isBlank() ? null
                : CandidInput.parseValues(config.expected(), ParameterName.HEALTH_EXPECTED);
        return new HealthCheck(config, arg, expected);
    }

    String describe() {
        return (config.query() ? "query " : "update ") + config.method().trim()
                + (expected == null ? " (any reply)" : " expecting " + CandidText.print(expected));
    }

    /**
     * @param listener told about every retry
     * @return the reply, as text, when it is as expected
     */
    String run(ManagementCanisterClient client, Principal canister, UpgradeListener listener)
            throws IcCallException, StepFailure {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        String method = config.method().trim();
        while (true) {
            byte[] reply;
            try {
                reply = config.query() ? client.callQuery(canister, method, arg) : client.callUpdate(canister, method, arg);
            } catch (IcCallException e) {
                if (!retryable(e) || System.nanoTime() + RETRY_DELAY.toNanos() > deadline) {
                    throw e;
                }
                listener.warn("Health check " + method + " failed (" + CandidInput.oneLine(e.getMessage())
                        + "); trying again in " + RETRY_DELAY.toMillis() + " ms, for up to " + config.timeout().toSeconds()
                        + " s in all");
                sleep();
                continue;
            }
            String printed;
            List<IdlValue> values;
            try {
                values = Candid.decode(reply);
                printed = CandidText.print(values);
            } catch (CandidException e) {
                throw new StepFailure("health check " + method + " replied with bytes that are not Candid: " + e.getMessage());
            }
            if (expected != null && !Candid.sameValues(values, expected)) {
                throw new StepFailure("health check " + method + " replied " + abbreviate(printed) + ", expected "
                        + abbreviate(CandidText.print(expected)));
            }
            return method + " replied " + abbreviate(printed);
        }
    }

    private static boolean retryable(IcCallException e) {
        // Stopping/stopped (IC0508/IC0509) can be seen right after start_canister on a busy node.
        return e.isTransient() || e.hasErrorCode("IC0508") || e.hasErrorCode("IC0509");
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static void sleep() throws StepFailure {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("interrupted while retrying the health check");
        }
    }
}
