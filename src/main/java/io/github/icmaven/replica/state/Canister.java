package io.github.icmaven.replica.state;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.ExecutionContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One canister's system state and, when code is installed, its live instance. Not thread-safe on
 * its own: {@link ReplicaState}'s lock guards it.
 */
public final class Canister {
    public static final int MAX_CONTROLLERS = 10;

    private final Principal id;
    // Sorted like the IC's BTreeSet, so canister_status and error texts list them in the IC's order.
    private final TreeSet<Principal> controllers = new TreeSet<>();
    private CanisterStatus status = CanisterStatus.RUNNING;
    private CanisterInstance instance;
    private long version;
    private BigInteger cycles;
    private CanisterSettings settings = CanisterSettings.defaults();
    private ChunkStore chunkStore = new ChunkStore();
    private final TreeMap<Long, Snapshot> snapshots = new TreeMap<>(Long::compareUnsigned);
    private long nextSnapshotLocalId;

    public Canister(Principal id, Collection<Principal> controllers, BigInteger cycles) {
        this.id = id;
        this.controllers.addAll(controllers);
        this.cycles = cycles;
    }

    public Principal id() {
        return id;
    }

    /** Controllers in the IC's order (ascending principal bytes), without duplicates. */
    public List<Principal> controllers() {
        return new ArrayList<>(controllers);
    }

    public boolean isController(Principal principal) {
        return controllers.contains(principal);
    }

    public void setControllers(Collection<Principal> newControllers) {
        controllers.clear();
        controllers.addAll(newControllers);
    }

    public CanisterStatus status() {
        return status;
    }

    public void setStatus(CanisterStatus status) {
        this.status = status;
    }

    /** The installed code and its state; empty for an empty canister. */
    public Optional<CanisterInstance> instance() {
        return Optional.ofNullable(instance);
    }

    public void setInstance(CanisterInstance instance) {
        this.instance = instance;
    }

    public void clearInstance() {
        this.instance = null;
    }

    /** SHA-256 of the installed module as sent; empty for an empty canister. */
    public Optional<byte[]> moduleHash() {
        return instance().map(i -> i.module().hash());
    }

    public long version() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public void bumpVersion() {
        version++;
    }

    public BigInteger cycles() {
        return cycles;
    }

    public void setCycles(BigInteger cycles) {
        this.cycles = cycles;
    }

    public CanisterSettings settings() {
        return settings;
    }

    public void setSettings(CanisterSettings settings) {
        this.settings = settings;
    }

    public ChunkStore chunkStore() {
        return chunkStore;
    }

    public void setChunkStore(ChunkStore chunkStore) {
        this.chunkStore = chunkStore;
    }

    /** Snapshots in id order. */
    public List<Snapshot> snapshots() {
        return new ArrayList<>(snapshots.values());
    }

    public Optional<Snapshot> snapshot(long localId) {
        return Optional.ofNullable(snapshots.get(localId));
    }

    public int snapshotCount() {
        return snapshots.size();
    }

    /** Allocates the next per-canister snapshot counter value. */
    public SnapshotId nextSnapshotId() {
        return new SnapshotId(id, nextSnapshotLocalId++);
    }

    public long nextSnapshotLocalId() {
        return nextSnapshotLocalId;
    }

    public void setNextSnapshotLocalId(long next) {
        this.nextSnapshotLocalId = next;
    }

    public void putSnapshot(Snapshot snapshot) {
        snapshots.put(snapshot.id().localId(), snapshot);
    }

    public void removeSnapshot(long localId) {
        snapshots.remove(localId);
    }

    public long snapshotsMemoryUsage() {
        return snapshots.values().stream().mapToLong(Snapshot::totalSize).sum();
    }

    /** What a message running on this canister may learn about it through the System API. */
    public ExecutionContext executionContext(long timeNanos) {
        return new ExecutionContext(id, timeNanos, cycles, status.code(), Set.copyOf(controllers), version);
    }
}
