package io.github.icmaven.replica.execution;

/** The canister state kept outside the wasm instance: stable memory, certified data, global timer. */
final class SystemState {
    static final int MAX_CERTIFIED_DATA = 32;

    StableMemory stableMemory;
    byte[] certifiedData;
    /** Nanoseconds; 0 means unset, as ic0.global_timer_set reports it. */
    long globalTimer;

    SystemState(StableMemory stableMemory, byte[] certifiedData, long globalTimer) {
        this.stableMemory = stableMemory;
        this.certifiedData = certifiedData;
        this.globalTimer = globalTimer;
    }

    static SystemState fresh() {
        return new SystemState(new StableMemory(), new byte[0], 0);
    }

    SystemState copy() {
        return new SystemState(stableMemory.copy(), certifiedData.clone(), globalTimer);
    }

    void restore(SystemState saved) {
        stableMemory = saved.stableMemory;
        certifiedData = saved.certifiedData;
        globalTimer = saved.globalTimer;
    }
}
