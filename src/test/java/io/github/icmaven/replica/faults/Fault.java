package io.github.icmaven.replica.faults;

import io.github.icmaven.replica.IcReject;
import java.time.Duration;

/** What happens to the request a {@link Trigger} picks. */
sealed interface Fault {
    /** The call is rejected as the IC would reject it, without executing it. */
    record Reject(IcReject reject) implements Fault {
        @Override
        public String toString() {
            return "reject " + reject.rejectCode() + " (" + reject.errorCode() + ")";
        }
    }

    /** A fault of the HTTP exchange, before or after the request is executed. */
    sealed interface HttpFault extends Fault {
        When when();
    }

    record ErrorStatus(int status, When when) implements HttpFault {
        @Override
        public String toString() {
            return "HTTP " + status + " " + describe(when);
        }
    }

    record DropConnection(When when) implements HttpFault {
        @Override
        public String toString() {
            return "dropped connection " + describe(when);
        }
    }

    record Delay(Duration delay, When when) implements HttpFault {
        @Override
        public String toString() {
            return "delay of " + delay.toMillis() + " ms " + describe(when);
        }
    }

    private static String describe(When when) {
        return when == When.BEFORE_EXECUTION ? "before execution" : "after execution";
    }
}
