package io.github.icmaven.replica.execution;

/** Which entry point is running; the System API allows different calls in each (spec: "Overview of imports"). */
enum ExecutionMode {
    START("start"),
    INIT("init"),
    PRE_UPGRADE("pre_upgrade"),
    POST_UPGRADE("post_upgrade"),
    UPDATE("update"),
    REPLICATED_QUERY("replicated query"),
    NON_REPLICATED_QUERY("non-replicated query"),
    REPLY_CALLBACK("reply callback"),
    REJECT_CALLBACK("reject callback"),
    CLEANUP("cleanup");

    private final String description;

    ExecutionMode(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean mayRespond() {
        return this == UPDATE || this == REPLICATED_QUERY || this == NON_REPLICATED_QUERY || isCallback();
    }

    /** A reject callback has no argument: it reads the reject code and message instead. */
    boolean hasArgument() {
        return this == INIT || this == POST_UPGRADE || (mayRespond() && this != REJECT_CALLBACK);
    }

    /** Calls that change system state (certified data, timer) are forbidden in queries. */
    boolean maySetSystemState() {
        return this == INIT || this == PRE_UPGRADE || this == POST_UPGRADE || this == UPDATE || isCallback();
    }

    /** ic0.call_new and the rest of the call API (U Ry Rt; composite queries are refused separately). */
    boolean mayCall() {
        return this == UPDATE || isCallback();
    }

    /** ic0.msg_reject_code is available in callbacks and cleanup (Ry Rt C). */
    boolean hasRejectCode() {
        return isCallback() || this == CLEANUP;
    }

    boolean isCallback() {
        return this == REPLY_CALLBACK || this == REJECT_CALLBACK;
    }

    boolean replicated() {
        return this != NON_REPLICATED_QUERY;
    }
}
