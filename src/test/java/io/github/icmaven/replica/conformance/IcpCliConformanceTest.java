package io.github.icmaven.replica.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.replica.EmbeddedReplica;
import io.github.icmaven.replica.Topology;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Drives the embedded replica with the real icp-cli 1.5.0 (src/test/conformance/icp-cli.sh): create,
 * install, calls, status, stop/start, snapshots with download/upload, upgrades, chunked install,
 * the Motoko fixture, delete. icp-cli is installed from npm into ~/.cache/ic-maven-plugin once.
 *
 * <p>Run once per topology: in the mainnet one icp-cli is given the root key (as for mainnet, where it is
 * built in) and creates its canisters on the application subnet, so every certificate it checks carries
 * a delegation whose canister ranges must cover the canister, and query signatures come from that subnet's node.
 */
class IcpCliConformanceTest {

    @ParameterizedTest
    @EnumSource(Topology.class)
    void everyIcpCliCheckPasses(Topology topology) throws Exception {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "ic-maven-plugin", "icp-cli");
        List<String> output = new ArrayList<>();
        int exit;
        try (EmbeddedReplica replica = EmbeddedReplica.start(EmbeddedReplica.Config.ephemeral().withTopology(topology))) {
            ProcessBuilder builder = new ProcessBuilder("bash", "src/test/conformance/icp-cli.sh", replica.url().toString())
                    .redirectErrorStream(true);
            builder.environment().put("ICP_CLI_DIR", cache.toString());
            if (topology == Topology.MAINNET) {
                builder.environment().put("ICP_ROOT_KEY", replica.rootKeyHex());
                builder.environment().put("ICP_SUBNET", replica.subnetId().toText());
            }
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    // Prefixed, so that the suite's own summary is not taken for the build's.
                    System.out.println("[icp-cli " + topology + "] " + line);
                    output.add(line);
                }
            }
            assertTrue(process.waitFor(20, TimeUnit.MINUTES), "icp-cli suite did not finish in 20 minutes");
            exit = process.exitValue();
        }
        String failures = String.join("\n", output.stream().filter(l -> l.startsWith("FAIL")).toList());
        assertEquals("", failures, "icp-cli checks failed");
        assertEquals(0, exit, "icp-cli suite exit code; last lines:\n" + tail(output));
        String summary = output.isEmpty() ? "" : output.get(output.size() - 1);
        assertTrue(summary.matches("\\d+ passed, 0 failed"), "summary line: " + summary);
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
