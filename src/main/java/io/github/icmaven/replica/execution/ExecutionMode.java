package io.github.icmaven.replica.execution;

/** Which entry point is running; the System API allows different calls in each (spec: "Overview of imports"). */
enum ExecutionMode {
    START("start"),
    INIT("init"),
    PRE_UPGRADE("pre_upgrade"),
    POST_UPGRADE("post_upgrade"),
    UPDATE("update"),
    REPLICATED_QUERY("replicated query"),
    NON_REPLICATED_QUERY("non-replicated query");

    private final String description;

    ExecutionMode(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean mayRespond() {
        return this == UPDATE || this == REPLICATED_QUERY || this == NON_REPLICATED_QUERY;
    }

    boolean hasArgument() {
        return this == INIT || this == POST_UPGRADE || mayRespond();
    }

    /** Calls that change system state (certified data, timer) are forbidden in queries. */
    boolean maySetSystemState() {
        return this == INIT || this == PRE_UPGRADE || this == POST_UPGRADE || this == UPDATE;
    }

    boolean replicated() {
        return this != NON_REPLICATED_QUERY;
    }
}
