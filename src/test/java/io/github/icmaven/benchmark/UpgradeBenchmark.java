package io.github.icmaven.benchmark;

import io.github.icmaven.core.backup.IcpCli;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.node.RoundLatency;
import io.github.icmaven.replica.http.ReplicaProxy;
import io.github.icmaven.replica.http.SequentialRounds;
import io.github.icmaven.testcanisters.TestCanisters;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * A measurement, not a test: our upgrade pipeline against the same steps with icp-cli 1.5.0 (stop, snapshot,
 * install in upgrade mode, start), on one embedded replica per round latency, for a small module and a large
 * one, each tool on its own canister. It prints a Markdown table for BENCHMARKS.md (and writes it to
 * {@code target/benchmark/upgrade.md}). Its name does not match Surefire's test patterns, so {@code mvn verify}
 * never runs it; run it with
 *
 * <pre>mvn -B test -Dtest=UpgradeBenchmark</pre>
 *
 * <p>Per module and latency: {@code ic.benchmark.warmups} warm-up upgrades per tool; with a latency, one
 * counting upgrade per tool through a {@link ReplicaProxy} (untimed, it adds a hop) to count the update rounds
 * each waits for one after another ({@link SequentialRounds}); then {@code ic.benchmark.repetitions} timed upgrades per tool, alternating the
 * tools, each upgrade switching between two versions of the module; the median is reported. Properties:
 * {@code ic.benchmark.repetitions} (5), {@code ic.benchmark.warmups} (2), {@code ic.benchmark.latencies}
 * (ms, {@code 0,50}), {@code ic.benchmark.largeMiB} (50).
 */
class UpgradeBenchmark {

    @Test
    void compareWithIcpCli() throws Exception {
        int repetitions = Integer.getInteger("ic.benchmark.repetitions", 5);
        int warmups = Integer.getInteger("ic.benchmark.warmups", 2);
        int largeMiB = Integer.getInteger("ic.benchmark.largeMiB", 50);
        long[] latencies = Arrays.stream(System.getProperty("ic.benchmark.latencies", "0,50").split(","))
                .mapToLong(s -> Long.parseLong(s.trim())).toArray();
        Path work = Files.createTempDirectory("upgrade-benchmark");
        IcpCli icp = IcpCli.setUp(work);
        Path pemFile = icp.pemFile();
        List<Module> modules = List.of(
                new Module("counter (" + TestCanisters.counterV2().length + " B)",
                        TestCanisters.counterV1Path(), TestCanisters.counterV2Path()),
                new Module(largeMiB + " MiB", BenchmarkCanisters.largeModule(work, "large-a.wasm", TestCanisters.counterV1(), largeMiB, 0x9E3779B97F4A7C15L),
                        BenchmarkCanisters.largeModule(work, "large-b.wasm", TestCanisters.counterV2(), largeMiB, 0xD1B54A32D192ED03L)));
        MachineReport machine = MachineReport.now();
        List<Row> rows = new ArrayList<>();
        for (long latency : latencies) {
            EmbeddedReplica.Config config = EmbeddedReplica.Config.ephemeral().withRoundLatency(RoundLatency.ofMillis(latency));
            try (EmbeddedReplica replica = EmbeddedReplica.start(config);
                 IcCaller setup = IcCaller.connect(IcNetwork.resolve(replica.url().toString()), icp.identity().identity())) {
                ManagementCanisterClient client = new ManagementCanisterClient(setup);
                for (Module module : modules) {
                    Subject ours = new Subject(new PipelineRunner(BenchmarkCanisters.fresh(client), pemFile), module);
                    Subject theirs = new Subject(new IcpCliRunner(icp, BenchmarkCanisters.fresh(client)), module);
                    rows.add(measure(replica.url(), latency, module, ours, theirs, warmups, repetitions));
                }
            }
        }
        String report = machine.markdown(MachineReport.now().loadAverage()) + "\n" + Row.table(rows, repetitions)
                + "\nEvery timed upgrade, in the order run:\n\n" + String.join("\n", rows.stream().map(Row::samples).toList()) + "\n";
        System.out.println("\n" + report);
        Path out = Path.of("target", "benchmark", "upgrade.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static Row measure(URI replica, long latency, Module module, Subject ours, Subject theirs, int warmups,
            int repetitions) throws Exception {
        for (int i = 0; i < warmups; i++) {
            ours.upgradeNext(replica);
            theirs.upgradeNext(replica);
        }
        // Without a round latency, calls one after another cannot be told from calls side by side.
        OptionalInt ourRounds = OptionalInt.empty();
        OptionalInt theirRounds = OptionalInt.empty();
        if (latency > 0) {
            try (ReplicaProxy proxy = ReplicaProxy.recording(replica)) {
                ours.upgradeNext(proxy.url());
                ourRounds = OptionalInt.of(SequentialRounds.of(proxy.exchanges()));
                proxy.clear();
                theirs.upgradeNext(proxy.url());
                theirRounds = OptionalInt.of(SequentialRounds.of(proxy.exchanges()));
            }
        }
        for (int i = 0; i < repetitions; i++) {
            ours.timedUpgrade(replica);
            theirs.timedUpgrade(replica);
        }
        Row row = new Row(module.name(), latency, ours.millis, theirs.millis, ourRounds, theirRounds);
        System.out.println(row.samples());
        return row;
    }

    /** A module in two versions, so that every upgrade changes the module. */
    record Module(String name, Path a, Path b) {}

    /** A tool, the canister it upgrades, and its timings. */
    private static final class Subject {
        final UpgradeRunner runner;
        final Module module;
        final List<Long> millis = new ArrayList<>();
        private boolean onA = true;

        Subject(UpgradeRunner runner, Module module) {
            this.runner = runner;
            this.module = module;
        }

        void upgradeNext(URI replica) throws Exception {
            runner.upgrade(replica, onA ? module.b() : module.a());
            onA = !onA;
        }

        void timedUpgrade(URI replica) throws Exception {
            long started = System.nanoTime();
            upgradeNext(replica);
            millis.add((System.nanoTime() - started) / 1_000_000);
        }

    }
}
