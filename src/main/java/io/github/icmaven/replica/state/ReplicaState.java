package io.github.icmaven.replica.state;

import io.github.icmaven.ic.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * All canisters of the replica. One coarse lock: every public method is synchronized on this
 * object, and callers that need several steps to be atomic synchronize on it too.
 */
public final class ReplicaState {
    private final TreeMap<Principal, Canister> canisters = new TreeMap<>();
    private final LongSupplier timeNanos;
    private long nextCanisterIndex;

    /**
     * @param firstCanisterIndex index of the first canister id allocated ({@link Principal#canisterId})
     * @param timeNanos the replica's clock, nanoseconds since the epoch
     */
    public ReplicaState(long firstCanisterIndex, LongSupplier timeNanos) {
        this.nextCanisterIndex = firstCanisterIndex;
        this.timeNanos = timeNanos;
    }

    /** A state with the wall clock. */
    public static ReplicaState withSystemClock(long firstCanisterIndex) {
        return new ReplicaState(firstCanisterIndex, () -> {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        });
    }

    public synchronized long timeNanos() {
        return timeNanos.getAsLong();
    }

    public synchronized Optional<Canister> canister(Principal id) {
        return Optional.ofNullable(canisters.get(id));
    }

    public synchronized boolean exists(Principal id) {
        return canisters.containsKey(id);
    }

    /** Canisters in id order. */
    public synchronized List<Canister> canisters() {
        return new ArrayList<>(canisters.values());
    }

    /** The next free sequential canister id (skipping ids taken by specified_id creations). */
    public synchronized Principal allocateCanisterId() {
        Principal id;
        do {
            id = Principal.canisterId(nextCanisterIndex++);
        } while (canisters.containsKey(id));
        return id;
    }

    public synchronized long nextCanisterIndex() {
        return nextCanisterIndex;
    }

    public synchronized void setNextCanisterIndex(long next) {
        this.nextCanisterIndex = next;
    }

    /** @throws IllegalStateException when the id is taken */
    public synchronized void add(Canister canister) {
        if (canisters.putIfAbsent(canister.id(), canister) != null) {
            throw new IllegalStateException("canister " + canister.id() + " already exists");
        }
    }

    public synchronized void remove(Principal id) {
        canisters.remove(id);
    }
}
