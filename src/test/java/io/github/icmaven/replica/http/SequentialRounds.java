package io.github.icmaven.replica.http;


import java.util.Comparator;
import java.util.List;

/**
 * How many update calls a client made one after another: the largest set of calls no two of which were in
 * flight at the same time. With a round latency L, each takes at least L, so the client took at least that
 * many times L; calls sent together share a round and count once.
 */
public final class SequentialRounds {
    private SequentialRounds() {}

    public static int of(List<ReplicaProxy.Exchange> exchanges) {
        List<ReplicaProxy.Exchange> calls = exchanges.stream()
                .filter(e -> e.isCall() && (e.status() == 200 || e.status() == 202))
                .sorted(Comparator.comparingLong(ReplicaProxy.Exchange::endedNanos))
                .toList();
        // Earliest end first is optimal for disjoint intervals.
        int rounds = 0;
        long lastEnd = Long.MIN_VALUE;
        for (ReplicaProxy.Exchange call : calls) {
            if (call.startedNanos() > lastEnd) {
                rounds++;
                lastEnd = call.endedNanos();
            }
        }
        return rounds;
    }

    public static long calls(List<ReplicaProxy.Exchange> exchanges) {
        return exchanges.stream().filter(e -> e.isCall() && (e.status() == 200 || e.status() == 202)).count();
    }
}
