package io.github.icmaven.benchmark;

import java.util.List;
import java.util.Locale;

/**
 * One line of the benchmark table: both tools' timings for one module at one round latency, and the update
 * rounds each waited for one after another.
 */
record Row(String module, long latencyMillis, List<Long> ours, List<Long> icpCli, int ourRounds, int icpCliRounds) {

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
    long lowerBoundMillis() {
        return ourRounds * latencyMillis;
    }

    String samples() {
        return "- " + module + ", " + latencyMillis + " ms rounds: ic:upgrade " + ours + " ms, icp-cli " + icpCli + " ms";
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
            b.append("| ").append(r.module()).append(" | ").append(r.latencyMillis()).append(" ms | ")
                    .append(r.oursMillis()).append(" ms | ").append(r.icpCliMillis()).append(" ms | ")
                    .append(r.ourRounds()).append(" | ").append(r.lowerBoundMillis()).append(" ms | ")
                    .append(r.lowerBoundMillis() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", (double) r.oursMillis() / r.lowerBoundMillis()))
                    .append(" | ").append(r.icpCliRounds()).append(" |\n");
        }
        return b.toString();
    }
}
