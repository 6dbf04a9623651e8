package io.github.icmaven.benchmark;

import io.github.icmaven.core.backup.IcpCli;
import io.github.icmaven.core.ic.IcCaller;
import io.github.icmaven.core.ic.IcNetwork;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.node.RoundLatency;
import io.github.icmaven.testcanisters.TestCanisters;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measurement, not a test: a whole {@code mvn deploy} process running {@code ic:upgrade} against the icp-cli
 * 1.5.0 sequence a script would run ({@code canister stop}, {@code snapshot create --replace},
 * {@code install --mode upgrade}, {@code start}; for a group, canister after canister), on one embedded replica
 * (in this JVM) per round latency, for groups of canisters. Each upgrade switches the counter canisters between two
 * versions. Its name does not match Surefire's test patterns, so {@code mvn verify} never runs it. The child
 * {@code mvn} needs the plugin in the local repository, so install it first:
 *
 * <pre>mvn -B install -DskipTests -Dinvoker.skip && mvn -B test -Dtest=DeployBenchmark</pre>
 *
 * <p>Properties: {@code ic.benchmark.repetitions} (3), {@code ic.benchmark.warmups} (1),
 * {@code ic.benchmark.latencies} (ms, {@code 0,500,2000}), {@code ic.benchmark.groups} ({@code 1,5,20}),
 * {@code ic.benchmark.icpGroupMax} (5: larger groups are timed with {@code mvn deploy} only, icp-cli's time being
 * its one-canister time times the group), {@code ic.benchmark.largeMiB} (50: one more row at round latency 0, one
 * canister, a module of that size, for the peak memory), {@code ic.benchmark.jvmConfig} (none: the child project's
 * {@code .mvn/jvm.config}, the JVM options a project gives its own Maven, e.g.
 * {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}), {@code maven.repo.local}. Prints a Markdown table and
 * writes it to {@code target/benchmark/deploy.md}.
 */
class DeployBenchmark {

    @Test
    void wholeProcessDeployAgainstIcpCli() throws Exception {
        int repetitions = Integer.getInteger("ic.benchmark.repetitions", 3);
        int warmups = Integer.getInteger("ic.benchmark.warmups", 1);
        int icpGroupMax = Integer.getInteger("ic.benchmark.icpGroupMax", 5);
        int largeMiB = Integer.getInteger("ic.benchmark.largeMiB", 50);
        long[] latencies = numbers("ic.benchmark.latencies", "0,500,2000");
        long[] groups = numbers("ic.benchmark.groups", "1,5,20");
        String jvmConfig = System.getProperty("ic.benchmark.jvmConfig", "").trim();
        Path repository = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        String pluginVersion = pluginVersion();
        Path work = Files.createTempDirectory("deploy-benchmark");
        IcpCli icp = IcpCli.setUp(work);
        Module counter = new Module("counter", TestCanisters.counterV1Path(), TestCanisters.counterV2Path());
        MachineReport machine = MachineReport.now();
        List<String> rows = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        for (long latency : latencies) {
            EmbeddedReplica.Config config = EmbeddedReplica.Config.ephemeral().withRoundLatency(RoundLatency.ofMillis(latency));
            try (EmbeddedReplica replica = EmbeddedReplica.start(config);
                 IcCaller setup = IcCaller.connect(IcNetwork.resolve(replica.url().toString()), icp.identity().identity())) {
                ManagementCanisterClient client = new ManagementCanisterClient(setup);
                List<Long> icpOne = null;
                for (long group : groups) {
                    Measured m = measure(work, repository, pluginVersion, jvmConfig, replica.url(), icp, client, counter,
                            (int) group, group <= icpGroupMax, warmups, repetitions, latency);
                    if (group == 1) {
                        icpOne = m.icp;
                    }
                    rows.add(m.row(latency, (int) group, icpOne));
                    samples.add(m.samples(latency, (int) group));
                    System.out.println(rows.get(rows.size() - 1) + "\n" + samples.get(samples.size() - 1));
                }
                if (latency == 0 && largeMiB > 0) {
                    Module large = new Module(largeMiB + " MiB", BenchmarkCanisters.largeModule(work, "large-a.wasm", TestCanisters.counterV1(),
                            largeMiB, 0x9E3779B97F4A7C15L), BenchmarkCanisters.largeModule(work, "large-b.wasm", TestCanisters.counterV2(), largeMiB,
                            0xD1B54A32D192ED03L));
                    Measured m = measure(work, repository, pluginVersion, jvmConfig, replica.url(), icp, client, large, 1,
                            true, warmups, repetitions, latency);
                    rows.add(m.row(latency, 1, m.icp));
                    samples.add(m.samples(latency, 1));
                    System.out.println(rows.get(rows.size() - 1) + "\n" + samples.get(samples.size() - 1));
                }
            }
        }
        String report = machine.markdown(MachineReport.now().loadAverage()) + "\n"
                + "The child project's `.mvn/jvm.config`: " + (jvmConfig.isEmpty() ? "none (Maven's JVM defaults)"
                        : "`" + jvmConfig + "`") + ".\n\n"
                + "| module | round latency | canisters | mvn deploy (median) | icp-cli sequence (median) | ratio | preflight (median) | mvn CPU time (median) | mvn peak RSS (max) |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n" + String.join("\n", rows)
                + "\n\nEvery timed run, in the order run:\n\n" + String.join("\n", samples) + "\n";
        System.out.println("\n" + report);
        Path out = Path.of("target", "benchmark", "deploy.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static Measured measure(Path work, Path repository, String pluginVersion, String jvmConfig, URI replica, IcpCli icp,
            ManagementCanisterClient client, Module module, int group, boolean withIcp, int warmups, int repetitions,
            long latency) throws Exception {
        List<Principal> ours = new ArrayList<>();
        List<IcpCliRunner> theirs = new ArrayList<>();
        for (int i = 0; i < group; i++) {
            ours.add(BenchmarkCanisters.fresh(client));
            if (withIcp) {
                theirs.add(new IcpCliRunner(icp, BenchmarkCanisters.fresh(client)));
            }
        }
        MavenDeployRunner mvn = MavenDeployRunner.create(work.resolve("project-" + latency + "-" + group + "-"
                + module.name().replace(' ', '-')), repository, pluginVersion, jvmConfig, replica, icp.pemFile(), ours);
        Measured m = new Measured(module.name());
        boolean onA = true;
        for (int i = 0; i < warmups + repetitions; i++) {
            Path wasm = onA ? module.b() : module.a();
            onA = !onA;
            long started = System.nanoTime();
            mvn.deploy(wasm);
            long oursMillis = (System.nanoTime() - started) / 1_000_000;
            long theirsMillis = -1;
            if (withIcp) {
                started = System.nanoTime();
                for (IcpCliRunner runner : theirs) {
                    runner.upgrade(replica, wasm);
                }
                theirsMillis = (System.nanoTime() - started) / 1_000_000;
            }
            if (i >= warmups) {
                m.ours.add(oursMillis);
                if (withIcp) {
                    m.icp.add(theirsMillis);
                }
                mvn.lastPreflightMillis().ifPresent(m.preflight::add);
                m.peakRssKiB = Math.max(m.peakRssKiB, mvn.lastPeakRssKiB());
                m.cpu.add(mvn.lastCpuMillis());
                m.loads.add(load());
            }
        }
        return m;
    }

    private static long[] numbers(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).mapToLong(s -> Long.parseLong(s.trim()))
                .toArray();
    }

    /** The version of the plugin this source tree builds, which the child project uses. */
    private static String pluginVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>ic-maven-plugin</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no ic-maven-plugin version in pom.xml");
        }
        return m.group(1);
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    record Module(String name, Path a, Path b) {}

    /** One row's timings. */
    private static final class Measured {
        final String module;
        final List<Long> ours = new ArrayList<>();
        final List<Long> icp = new ArrayList<>();
        final List<Long> preflight = new ArrayList<>();
        final List<Long> cpu = new ArrayList<>();
        final List<String> loads = new ArrayList<>();
        long peakRssKiB;

        Measured(String module) {
            this.module = module;
        }

        /** @param icpOne icp-cli's one-canister times at this latency, for groups it did not run */
        String row(long latency, int group, List<Long> icpOne) {
            long oursMedian = median(ours);
            String icpText;
            double icpMedian;
            if (!icp.isEmpty()) {
                icpMedian = median(icp);
                icpText = (long) icpMedian + " ms";
            } else if (icpOne != null && !icpOne.isEmpty()) {
                icpMedian = (double) median(icpOne) * group;
                icpText = "~" + (long) icpMedian + " ms (" + group + " × one)";
            } else {
                icpMedian = Double.NaN;
                icpText = "–";
            }
            return "| " + module + " | " + latency + " ms | " + group + " | " + oursMedian + " ms | " + icpText + " | "
                    + (Double.isNaN(icpMedian) ? "–" : String.format(Locale.ROOT, "%.2f", oursMedian / icpMedian)) + " | "
                    + (preflight.isEmpty() ? "–" : median(preflight) + " ms") + " | " + median(cpu) + " ms | " + peakRssKiB / 1024
                    + " MiB |";
        }

        String samples(long latency, int group) {
            return "- " + module + ", " + latency + " ms rounds, " + group + " canister(s): mvn deploy " + ours
                    + " ms (CPU " + cpu + " ms), icp-cli " + (icp.isEmpty() ? "not run" : icp + " ms") + ", preflight " + preflight
                    + " ms, load average (1 min) " + loads;
        }

        private static long median(List<Long> millis) {
            List<Long> sorted = millis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }
}
