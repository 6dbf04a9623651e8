package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.core.ic.SnapshotId;
import io.github.icmaven.core.ic.SnapshotMetadata;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestReplica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A measurement, not a test (its name keeps it out of {@code mvn verify}): download throughput for a snapshot
 * with 256 MiB of stable memory, ours (1 and 4 slices at a time) against icp-cli 1.5.0, both against the
 * embedded replica on this machine. Run it with
 *
 * <pre>
 * mvn -B test -Dtest=BackupBenchmark -DargLine=-Xmx12g [-Dic.benchmark.stableMib=256] [-Dic.benchmark.tools=ours-1,ours-4,icp-cli]
 * </pre>
 *
 * It prints the figures and writes them to {@code target/benchmarks/snapshot-download.txt}. The 256 MiB
 * snapshot is made by uploading one (the counter canister's metadata with its stable memory replaced by
 * 256 MiB of random bytes): filling that much stable memory by running the canister in the replica's Wasm
 * interpreter would take far longer than the benchmark itself. Each measurement runs on a fresh replica, and
 * each download is checked against the uploaded bytes.
 */
class BackupBenchmark {
    private static final long MIB = 1024 * 1024;

    private final List<String> lines = new ArrayList<>();

    @Test
    @Timeout(3600)
    void snapshotDownloadThroughput() throws Exception {
        long stableMib = Long.getLong("ic.benchmark.stableMib", 256);
        Path work = Files.createTempDirectory("backup-benchmark");
        try {
            print(String.format(Locale.ROOT, "%s; %d cores (%s); %s RAM; load average %s", Instant.now(),
                    Runtime.getRuntime().availableProcessors(), cpuModel(), memTotal(),
                    Files.readString(Path.of("/proc/loadavg")).strip()));
            IcpCli icp = IcpCli.setUp(work.resolve("icp"));
            Path seed = null;
            for (String tool : System.getProperty("ic.benchmark.tools", "ours-1,ours-4,icp-cli").split(",")) {
                // A fresh replica for each measurement: the embedded replica keeps every reply (2 MB per slice)
                // in its ingress history and re-hashes the history on each call, so later runs would pay for
                // the earlier ones.
                try (TestReplica ic = TestReplica.start(icp.identity())) {
                    ManagementCanisterClient client = ic.client();
                    Principal canister = ic.counterWithState(0, 0);
                    client.stopCanister(canister);
                    SnapshotId small = client.takeCanisterSnapshot(canister, Optional.empty()).id();
                    if (seed == null) {
                        seed = bigSeed(client, canister, small, work.resolve("seed"), stableMib);
                    }
                    long uploadStart = System.nanoTime();
                    SnapshotId big = new SnapshotUploader(client).upload(canister, seed, Optional.of(small), false);
                    report("(setup) ours upload, 4 slices at once", stableMib, System.nanoTime() - uploadStart);

                    Path target = work.resolve(tool);
                    long start = System.nanoTime();
                    if (tool.equals("icp-cli")) {
                        icp.onNetwork(ic.url(), "canister", "snapshot", "download", canister.toText(), big.toHex(),
                                "-o", target.toString());
                    } else {
                        int slices = Integer.parseInt(tool.substring("ours-".length()));
                        new SnapshotDownloader(client, slices, TransferListener.NONE).download(canister, big, target);
                    }
                    report(tool.equals("icp-cli") ? "icp-cli " + IcpCli.VERSION + " download" : "ours download, "
                            + tool.substring("ours-".length()) + " slice(s) at once", stableMib, System.nanoTime() - start);
                    checkSameStableMemory(seed, target);
                    deleteRecursively(target);
                }
            }
        } finally {
            deleteRecursively(work);
        }
        Path results = Path.of("target", "benchmarks", "snapshot-download.txt");
        Files.createDirectories(results.getParent());
        Files.write(results, lines);
    }

    private void print(String line) {
        System.out.println(line);
        lines.add(line);
    }

    private static String cpuModel() throws IOException {
        return procField("/proc/cpuinfo", "model name");
    }

    private static String memTotal() throws IOException {
        String kib = procField("/proc/meminfo", "MemTotal").replace("kB", "").strip();
        return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kib) / (1024.0 * 1024));
    }

    private static String procField(String file, String name) throws IOException {
        for (String line : Files.readAllLines(Path.of(file))) {
            if (line.startsWith(name)) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown";
    }

    /** The small snapshot's backup with its stable memory replaced by {@code stableMib} MiB of random bytes. */
    private static Path bigSeed(ManagementCanisterClient client, Principal canister, SnapshotId small, Path seed,
            long stableMib) throws Exception {
        SnapshotMetadata smallMetadata = new SnapshotDownloader(client).download(canister, small, seed);
        SnapshotMetadata bigMetadata = withStableMemory(smallMetadata, stableMib * MIB);
        Files.writeString(seed.resolve(BackupDirectory.METADATA_FILE), SnapshotMetadataJson.write(bigMetadata),
                StandardCharsets.UTF_8);
        writeRandom(seed.resolve("stable_memory.bin"), stableMib * MIB);
        new BackupDirectory(seed).writeManifest(bigMetadata);
        return seed;
    }

    private static SnapshotMetadata withStableMemory(SnapshotMetadata m, long size) {
        return new SnapshotMetadata(m.source(), m.takenAt(), m.wasmModuleSize(), m.globals(), m.wasmMemorySize(), size,
                m.wasmChunkStore(), m.canisterVersion(), m.certifiedData(), m.globalTimer(), m.onLowWasmMemoryHookStatus());
    }

    private static void writeRandom(Path file, long size) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    private static void checkSameStableMemory(Path expected, Path actual) throws IOException {
        long mismatch = Files.mismatch(expected.resolve("stable_memory.bin"), actual.resolve("stable_memory.bin"));
        if (mismatch != -1) {
            throw new IllegalStateException(actual + "/stable_memory.bin differs from the uploaded data at byte " + mismatch);
        }
    }

    private void report(String what, long stableMib, long nanos) {
        double seconds = nanos / 1e9;
        print(String.format(Locale.ROOT, "%-32s %7.2f s  %7.1f MiB/s (stable memory %d MiB; whole snapshot timed)",
                what, seconds, stableMib / seconds, stableMib));
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
