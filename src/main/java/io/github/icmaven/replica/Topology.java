package io.github.icmaven.replica;

import java.util.Locale;

/** How many subnets the embedded replica plays, and so how its certificates are signed. */
public enum Topology {
    /** One subnet that is also the root subnet: certificates signed by the root key, no delegation. */
    SINGLE,
    /**
     * Like mainnet: a root subnet whose key is the root key, and an application subnet with its own key
     * hosting the canisters, whose every certificate carries a delegation signed by the root subnet.
     */
    MAINNET;

    /** "single" or "mainnet" (any case). */
    public static Topology parse(String text) {
        for (Topology topology : values()) {
            if (topology.name().equalsIgnoreCase(text.trim())) {
                return topology;
            }
        }
        throw new IllegalArgumentException("Unknown replica topology '" + text + "'; use 'single' or 'mainnet'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
