package io.github.icmaven.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * icp-cli 1.5.0 as a user runs it, isolated from the machine's icp configuration (its own HOME and
 * ICP_HOME), signing with one imported PEM identity. Installed from npm into the cache the conformance
 * suite uses, once.
 */
final class IcpCli {
    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "ic-maven-plugin", "icp-cli");
    private static final long COMMAND_TIMEOUT_SECONDS = 600;

    private final Path binary;
    private final Path home;

    private IcpCli(Path binary, Path home) {
        this.binary = binary;
        this.home = home;
    }

    /** Installs icp-cli if needed and makes {@code pemFile} its default identity. */
    static IcpCli withIdentity(Path work, Path pemFile) throws IOException, InterruptedException {
        String installed = run(List.of("bash", "src/test/conformance/install-icp-cli.sh", CACHE.toString()), null).trim();
        IcpCli icp = new IcpCli(Path.of(installed), Files.createDirectories(work.resolve("icp-home")));
        icp.run("settings", "telemetry", "false");
        icp.run("settings", "update-check", "disabled");
        icp.run("identity", "import", "benchmark", "--storage", "plaintext", "--from-pem", pemFile.toString());
        icp.run("identity", "default", "benchmark");
        return icp;
    }

    /** Runs one icp command; returns its standard output, or throws with its standard error. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return run(command, home);
    }

    private static String run(List<String> command, Path home) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (home != null) {
            builder.environment().put("HOME", home.toString());
            builder.environment().put("ICP_HOME", home.resolve("icp").toString());
            builder.environment().put("DO_NOT_TRACK", "1");
            builder.environment().put("ICP_TELEMETRY_DISABLED", "1");
            builder.environment().put("NO_COLOR", "1");
            builder.environment().remove("RUST_BACKTRACE");
        }
        Path stderr = Files.createTempFile("icp-stderr", ".txt");
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(stderr.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(stderr, StandardCharsets.UTF_8).trim());
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
