package io.github.icmaven.benchmark;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.ChicoryExecutionEngine;
import io.github.icmaven.replica.execution.ExecutionContext;
import io.github.icmaven.replica.execution.UpgradeOptions;
import io.github.icmaven.replica.execution.WasmModule;
import io.github.icmaven.testcanisters.TestCanisters;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test: the Motoko counter in the embedded replica's engine, as wasm64 with enhanced
 * orthogonal persistence (lowered to wasm32 before Chicory) and as a classic wasm32 build of the same
 * source, for the cost of the lowering. Per round and build: decode (for wasm64: lower and parse),
 * install, {@code ic.benchmark.calls} updates of {@code inc}, as many queries of {@code get}, decode and
 * upgrade (wasm64 with keep). Round 1 is a cold JVM. Prints a Markdown table for BENCHMARKS.md (also
 * written to {@code target/benchmark/motoko-execution.md}). Run it with
 *
 * <pre>mvn -B test -Dtest=MotokoExecutionBenchmark</pre>
 */
class MotokoExecutionBenchmark {
    private static final Principal CALLER = Principal.of(new byte[] {1, 2, 3});
    private static final ExecutionContext CONTEXT = new ExecutionContext(Principal.canisterId(7),
            1_700_000_000_000_000_000L, BigInteger.ONE, 1, Set.of(CALLER), 1);
    private static final byte[] NO_ARG = TestCanisters.encodeEmpty();

    @Test
    void measure() throws Exception {
        int rounds = Integer.getInteger("ic.benchmark.rounds", 3);
        int calls = Integer.getInteger("ic.benchmark.calls", 20);
        Path motoko = TestCanisters.directory().resolve("motoko");
        byte[] eop = Files.readAllBytes(motoko.resolve("counter.wasm"));
        byte[] eopV2 = Files.readAllBytes(motoko.resolve("counter-v2.wasm"));
        byte[] classic = Files.readAllBytes(motoko.resolve("counter-classic.wasm"));
        ChicoryExecutionEngine engine = new ChicoryExecutionEngine((canister, line) -> { }, new byte[0]);
        List<String> table = new ArrayList<>();
        table.add("| round | build | decode | install | " + calls + " × inc | " + calls + " × get | decode + upgrade | heap |");
        table.add("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int round = 1; round <= rounds; round++) {
            table.add(row(round, "wasm64 EOP (lowered)", engine, eop, eopV2, true, calls));
            table.add(row(round, "classic wasm32", engine, classic, classic, false, calls));
        }
        String markdown = String.join("\n", table) + "\n";
        System.out.print(markdown);
        Path out = Path.of("target", "benchmark", "motoko-execution.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown);
    }

    private static String row(int round, String build, ChicoryExecutionEngine engine, byte[] v1, byte[] v2,
            boolean keep, int calls) throws IcReject {
        long start = System.nanoTime();
        WasmModule module = WasmModule.decode(v1);
        long decoded = System.nanoTime();
        CanisterInstance canister = engine.install(module, NO_ARG, CALLER, CONTEXT);
        long installed = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            canister.update("inc", NO_ARG, CALLER, CONTEXT);
        }
        long updated = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            canister.query("get", NO_ARG, CALLER, CONTEXT);
        }
        long queried = System.nanoTime();
        CanisterInstance upgraded = engine.upgrade(canister, WasmModule.decode(v2), NO_ARG, CALLER,
                new UpgradeOptions(false, keep), CONTEXT);
        long done = System.nanoTime();
        return String.format("| %d | %s | %d ms | %d ms | %d ms | %d ms | %d ms | %.1f MiB |", round, build,
                millis(start, decoded), millis(decoded, installed), millis(installed, updated),
                millis(updated, queried), millis(queried, done), upgraded.state().wasmMemory().length / 1048576.0);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
