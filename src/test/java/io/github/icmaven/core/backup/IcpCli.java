package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.ic.identity.LoadedIdentity;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real icp-cli 1.5.0 (installed from npm into ~/.cache/ic-maven-plugin/icp-cli on first use, by the
 * same script as the conformance suite's), run against a replica URL with a throwaway plaintext Ed25519
 * identity in its own ICP_HOME, so the user's icp configuration is never touched. The backup tests and both
 * benchmarks drive it.
 */
public final class IcpCli {
    static final String VERSION = "1.5.0";
    private static final Path PREFIX = Path.of(System.getProperty("user.home"), ".cache", "ic-maven-plugin", "icp-cli");
    private static final String INSTALLER = "src/test/conformance/install-icp-cli.sh";
    private static final long COMMAND_TIMEOUT_SECONDS = 300;
    private static Path binary;

    private final Path home;
    private final LoadedIdentity identity;
    private String lastStderr = "";

    private IcpCli(Path home, LoadedIdentity identity) {
        this.home = home;
        this.identity = identity;
    }

    /** Sets up a fresh icp home under {@code workDirectory} with a new identity, which {@link #identity()} also returns. */
    public static IcpCli setUp(Path workDirectory) throws Exception {
        installOnce();
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        Path home = Files.createDirectories(workDirectory.resolve("icp-home"));
        Path pemFile = home.resolve("identity.pem");
        Files.writeString(pemFile, pem);
        IcpCli cli = new IcpCli(home, new IdentityLoader(Path.of("unused")).fromPemText(pem, "icp test identity"));
        cli.run("settings", "telemetry", "false");
        cli.run("settings", "update-check", "disabled");
        cli.run("identity", "import", "test", "--storage", "plaintext", "--from-pem", pemFile.toString());
        cli.run("identity", "default", "test");
        return cli;
    }

    /** The icp executable, installed first if the cache does not hold it. */
    public static Path binary() throws IOException, InterruptedException {
        installOnce();
        return binary;
    }

    /** Installs icp-cli unless the cache holds it already (the installer checks the version). */
    private static synchronized void installOnce() throws IOException, InterruptedException {
        if (binary != null) {
            return;
        }
        Process installer = new ProcessBuilder("bash", INSTALLER, PREFIX.toString(), VERSION)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(installer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!installer.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || installer.exitValue() != 0) {
            installer.destroyForcibly();
            throw new IllegalStateException("could not install icp-cli " + VERSION + " with " + INSTALLER + " (needs npm)");
        }
        binary = Path.of(out.substring(out.lastIndexOf('\n') + 1));
    }

    /** The identity icp signs with, for our own client (so both are controllers of the same canisters). */
    public LoadedIdentity identity() {
        return identity;
    }

    /** The same identity as a PEM file, for {@code ic:upgrade}'s {@code pemFile}. */
    public Path pemFile() {
        return home.resolve("identity.pem");
    }

    /** Runs a command against a replica ({@code -n URL -k fetch} appended); returns stdout. */
    public String onNetwork(URI replicaUrl, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-n", replicaUrl.toString().replaceAll("/$", ""), "-k", "fetch"));
        return run(all.toArray(String[]::new));
    }

    /** What the last command wrote to stderr (icp logs progress there). */
    String lastStderr() {
        return lastStderr;
    }

    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(home, "stdout", ".txt");
        Path stderr = Files.createTempFile(home, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeAll(List.of("ICP_NETWORK", "ICP_ENVIRONMENT", "ICP_PROJECT_ROOT"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("ICP_HOME", home.toString());
        builder.environment().put("DO_NOT_TRACK", "1");
        builder.environment().put("ICP_TELEMETRY_DISABLED", "1");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("icp " + String.join(" ", args) + " did not finish in "
                    + COMMAND_TIMEOUT_SECONDS + " s");
        }
        String out = Files.readString(stdout);
        lastStderr = Files.readString(stderr);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("icp " + String.join(" ", args) + " failed (exit " + process.exitValue()
                    + "): " + Files.readString(stderr) + out);
        }
        return out;
    }
}
