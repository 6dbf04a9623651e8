package io.github.icmaven.replica.state;

import java.util.OptionalLong;

/** The global timer as snapshot metadata carries it: inactive, or active with a deadline in nanoseconds. */
public record GlobalTimer(OptionalLong deadlineNanos) {
    public static final GlobalTimer INACTIVE = new GlobalTimer(OptionalLong.empty());

    public static GlobalTimer active(long deadlineNanos) {
        return new GlobalTimer(OptionalLong.of(deadlineNanos));
    }

    public boolean isActive() {
        return deadlineNanos.isPresent();
    }
}
