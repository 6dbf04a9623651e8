package io.github.icmaven.benchmark;

import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.WasmCustomSections;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The canisters and modules both benchmarks upgrade. */
final class BenchmarkCanisters {
    private static final BigInteger CYCLES = BigInteger.TEN.pow(13);
    private static final int MIB = 1024 * 1024;

    private BenchmarkCanisters() {}

    /** A new canister running counter-v1: the small module's first version, the large one's starting point. */
    static Principal fresh(ManagementCanisterClient client) throws Exception {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(), List.of());
        client.installCode(canister, InstallMode.install(), TestCanisters.counterV1(), TestCanisters.encodeEmpty());
        return canister;
    }

    /** A counter module grown by a custom section of pseudo-random bytes (not metadata: no {@code icp:} name). */
    static Path largeModule(Path work, String file, byte[] counter, int mebibytes, long seed) throws Exception {
        byte[] padded = WasmCustomSections.append(counter, "benchmark-padding",
                TestCanisters.pseudoRandomBytes(mebibytes * MIB - counter.length - 16, seed));
        return Files.write(work.resolve(file), padded);
    }
}
