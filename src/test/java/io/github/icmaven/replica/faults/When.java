package io.github.icmaven.replica.faults;

/** When an HTTP-level fault strikes relative to the request's effect on the replica. */
public enum When {
    /** The request never reaches the replica's state: nothing is executed. */
    BEFORE_EXECUTION,
    /**
     * The request is executed (a call enters the state and runs) and only its answer is lost or late: the
     * nasty case, where a client that simply tries again with a new request does the work twice.
     */
    AFTER_EXECUTION
}
