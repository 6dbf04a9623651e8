package io.github.icmaven.benchmark;

import io.github.icmaven.ic.Principal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole {@code mvn deploy} in a child process, as a user runs it: a project whose deploy phase runs
 * {@code ic:upgrade} on one canister or a {@code <canisters>} group, JVM start and Maven's own work included.
 * The child runs offline against the local repository the benchmark was given, which must hold the plugin
 * ({@code mvn install} first). It is wrapped in {@code /usr/bin/time} for its peak resident memory and CPU time.
 * {@code ic.benchmark.mavenOpts} sets the child's {@code MAVEN_OPTS} (e.g. {@code -Xlog:class+load} to see what
 * it loads).
 */
final class MavenDeployRunner {
    private static final Pattern PREFLIGHT = Pattern.compile("preflight +ok +(\\d+) ms");
    private static final Pattern MAX_RSS = Pattern.compile("^MAXRSS (\\d+)$", Pattern.MULTILINE);
    private static final Pattern CPU = Pattern.compile("^CPU ([0-9.]+) ([0-9.]+)$", Pattern.MULTILINE);

    private final Path project;
    private final Path localRepository;
    private long lastPeakRssKiB;
    private long lastCpuMillis;
    private OptionalLong lastPreflightMillis = OptionalLong.empty();

    private MavenDeployRunner(Path project, Path localRepository) {
        this.project = project;
        this.localRepository = localRepository;
    }

    /**
     * Writes the project: the plugin's {@code upgrade} goal in the deploy phase, the module given per run.
     *
     * @param jvmConfig the project's {@code .mvn/jvm.config} (JVM options of its Maven), or empty for none
     */
    static MavenDeployRunner create(Path project, Path localRepository, String pluginVersion, String jvmConfig,
            URI replica, Path pemFile, List<Principal> canisters) throws IOException {
        StringBuilder targets = new StringBuilder();
        if (canisters.size() == 1) {
            targets.append("<canisterId>").append(canisters.get(0)).append("</canisterId><wasm>${bench.wasm}</wasm>");
        } else {
            targets.append("<canisters>");
            canisters.forEach(c -> targets.append("<canister><canisterId>").append(c)
                    .append("</canisterId><wasm>${bench.wasm}</wasm></canister>"));
            targets.append("</canisters>");
        }
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.github.icmaven.benchmark</groupId>
                  <artifactId>deploy-benchmark</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <properties>
                    <maven.install.skip>true</maven.install.skip>
                    <maven.deploy.skip>true</maven.deploy.skip>
                  </properties>
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.3</version></plugin>
                        <plugin><artifactId>maven-deploy-plugin</artifactId><version>3.1.3</version></plugin>
                      </plugins>
                    </pluginManagement>
                    <plugins>
                      <plugin>
                        <groupId>io.github.icmaven</groupId>
                        <artifactId>ic-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <network>%s</network>
                          <pemFile>%s</pemFile>
                          %s
                        </configuration>
                        <executions><execution><goals><goal>upgrade</goal></goals></execution></executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(pluginVersion, replica.toString().replaceAll("/$", ""), pemFile, targets);
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), pom);
        if (!jvmConfig.isEmpty()) {
            Files.createDirectories(project.resolve(".mvn"));
            Files.writeString(project.resolve(".mvn").resolve("jvm.config"), jvmConfig + "\n");
        }
        return new MavenDeployRunner(project, localRepository);
    }

    /** Runs {@code mvn deploy} installing {@code wasm} on every canister; throws unless the build succeeds. */
    void deploy(Path wasm) throws IOException, InterruptedException {
        Path log = project.resolve("build.log");
        Path time = project.resolve("time.txt");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "MAXRSS %M\nCPU %U %S", "-o", time.toString(),
                "mvn", "-B", "-o", "-Dmaven.repo.local=" + localRepository, "-Dbench.wasm=" + wasm, "deploy"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        String mavenOpts = System.getProperty("ic.benchmark.mavenOpts");
        if (mavenOpts != null) {
            builder.environment().put("MAVEN_OPTS", mavenOpts);
        }
        Process mvn = builder.start();
        if (!mvn.waitFor(600, TimeUnit.SECONDS)) {
            mvn.destroyForcibly();
            throw new IllegalStateException("mvn deploy did not finish within 600 s; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (mvn.exitValue() != 0) {
            throw new IllegalStateException("mvn deploy failed (exit " + mvn.exitValue() + "), see " + log + ":\n"
                    + output.substring(Math.max(0, output.length() - 3000)));
        }
        String usage = Files.readString(time);
        Matcher rss = MAX_RSS.matcher(usage);
        lastPeakRssKiB = rss.find() ? Long.parseLong(rss.group(1)) : 0;
        Matcher cpu = CPU.matcher(usage);
        lastCpuMillis = cpu.find() ? Math.round((Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2))) * 1000) : 0;
        Matcher preflight = PREFLIGHT.matcher(output);
        long longest = -1;
        while (preflight.find()) {
            longest = Math.max(longest, Long.parseLong(preflight.group(1)));
        }
        lastPreflightMillis = longest < 0 ? OptionalLong.empty() : OptionalLong.of(longest);
    }

    /** User and system CPU time of the whole child: less disturbed than wall time by other work on the machine. */
    long lastCpuMillis() {
        return lastCpuMillis;
    }

    long lastPeakRssKiB() {
        return lastPeakRssKiB;
    }

    /** The preflight step's time as the build logged it (the longest of a group's canisters). */
    OptionalLong lastPreflightMillis() {
        return lastPreflightMillis;
    }
}
