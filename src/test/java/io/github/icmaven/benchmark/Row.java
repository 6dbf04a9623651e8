package io.github.icmaven.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One line of the benchmark table: both tools' timings for one module at one round latency, and the update
 * rounds each waited for one after another (counted only with a latency).
 */
record Row(String module, long latencyMillis, List<Long> ours, List<Long> icpCli, OptionalInt ourRounds,
        OptionalInt icpCliRounds) {

    Row {
        ours = List.copyOf(ours);
        icpCli = List.copyOf(icpCli);
    }

    long oursMillis() {
        return median(ours);
    }

    long icpCliMillis() {
        return median(icpCli);
    }

    /** Sequential rounds times the latency: no client can be faster. */
    OptionalLong lowerBoundMillis() {
        return ourRounds.isPresent() ? OptionalLong.of(ourRounds.getAsInt() * latencyMillis) : OptionalLong.empty();
    }

    String samples() {
        return "- " + module + ", " + latencyMillis + " ms rounds: ic:upgrade " + ours + " ms, icp-cli " + icpCli + " ms";
    }

    private static String text(OptionalInt rounds) {
        return rounds.isPresent() ? String.valueOf(rounds.getAsInt()) : "–";
    }

    private static long median(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static String table(List<Row> rows, int repetitions) {
        StringBuilder b = new StringBuilder();
        b.append("| module | round latency | ic:upgrade (median of ").append(repetitions).append(") | icp-cli (median of ")
                .append(repetitions).append(") | ic:upgrade sequential update rounds | rounds × latency | ic:upgrade ÷ (rounds × latency)")
                .append(" | icp-cli sequential update rounds |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            OptionalLong bound = r.lowerBoundMillis();
            b.append("| ").append(r.module()).append(" | ").append(r.latencyMillis()).append(" ms | ")
                    .append(r.oursMillis()).append(" ms | ").append(r.icpCliMillis()).append(" ms | ")
                    .append(text(r.ourRounds())).append(" | ").append(bound.isPresent() ? bound.getAsLong() + " ms" : "–")
                    .append(" | ").append(bound.isPresent()
                            ? String.format(Locale.ROOT, "%.2f", (double) r.oursMillis() / bound.getAsLong()) : "–")
                    .append(" | ").append(text(r.icpCliRounds())).append(" |\n");
        }
        return b.toString();
    }
}
