package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.CanisterRunStatus;
import io.github.icmaven.core.json.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The crash journal of an upgrade run, {@code upgrade-journal.json}: rewritten before and after every step
 * and deleted when the run ends. A journal left behind means the build died mid-upgrade (kill -9, a CI
 * timeout, a lost machine); {@link JournalRecovery} reads it to finish or undo that run. It holds ids,
 * hashes and step names, never key material.
 */
public final class UpgradeJournal {
    public static final String FILE_NAME = "upgrade-journal.json";
    private static final int VERSION = 1;

    /** Where a run was when the journal was written. */
    public enum Phase {
        /** Stopping and snapshotting: nothing installed yet. */
        PREPARE,
        /** Installing, starting, verifying, health checks. */
        CHANGE,
        /** Loading the snapshots back after a failure. */
        ROLLBACK
    }

    /**
     * One canister of the run.
     *
     * @param canister its name as the user gave it, or its id
     * @param foundStatus its run status before the run touched it
     * @param snapshotId the snapshot this run took (text form), null before the snapshot step ended or without one
     * @param step the step running or last run
     * @param installAttempted true once the install step started: from then on only the snapshot leads back
     * @param healthCheck null for none
     */
    public record Entry(String canister, String canisterId, CanisterRunStatus foundStatus, String moduleHashBefore,
            String newModuleHash, String snapshotId, String step, boolean installAttempted,
            HealthCheckConfig healthCheck) {
    }

    /** @param network the network as configured: local, ic or a URL */
    public record Contents(Instant startedAt, String network, Phase phase, List<Entry> entries) {
        public Contents {
            entries = List.copyOf(entries);
        }
    }

    private final Path file;

    public UpgradeJournal(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * Replaces the journal atomically and forces it to disk, so a crash leaves the previous or the new
     * journal, never half of one.
     */
    public void write(Contents contents) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        byte[] bytes = Json.write(toMap(contents)).getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** @throws IOException also when the file is not a journal this version understands */
    public Contents read() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromMap(asMap(Json.parse(text)));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable upgrade journal (" + CandidInput.oneLine(e.getMessage())
                    + "); look at it, repair the canisters by hand if needed, and delete it", e);
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private static Map<String, Object> toMap(Contents contents) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("journal", VERSION);
        map.put("startedAt", contents.startedAt().toString());
        map.put("network", contents.network());
        map.put("phase", contents.phase().name());
        List<Object> entries = new ArrayList<>();
        for (Entry e : contents.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("canister", e.canister());
            m.put("canisterId", e.canisterId());
            m.put("foundStatus", e.foundStatus().name());
            m.put("moduleHashBefore", e.moduleHashBefore());
            m.put("newModuleHash", e.newModuleHash());
            m.put("snapshotId", e.snapshotId());
            m.put("step", e.step());
            m.put("installAttempted", e.installAttempted());
            m.put("healthCheck", e.healthCheck() == null ? null : healthCheckToMap(e.healthCheck()));
            entries.add(m);
        }
        map.put("canisters", entries);
        return map;
    }

    private static Map<String, Object> healthCheckToMap(HealthCheckConfig check) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", check.method());
        m.put("arg", check.arg());
        m.put("expected", check.expected());
        m.put("query", check.query());
        m.put("timeoutMillis", check.timeout().toMillis());
        return m;
    }

    private static Contents fromMap(Map<String, Object> map) {
        Object version = map.get("journal");
        if (!(version instanceof Number n) || n.intValue() != VERSION) {
            throw new IllegalArgumentException("journal version " + version + ", expected " + VERSION);
        }
        List<Entry> entries = new ArrayList<>();
        for (Object o : (List<?>) map.get("canisters")) {
            Map<String, Object> m = asMap(o);
            Object check = m.get("healthCheck");
            entries.add(new Entry(text(m, "canister"), text(m, "canisterId"),
                    CanisterRunStatus.valueOf(text(m, "foundStatus")), text(m, "moduleHashBefore"),
                    text(m, "newModuleHash"), (String) m.get("snapshotId"), text(m, "step"),
                    Boolean.TRUE.equals(m.get("installAttempted")), check == null ? null : healthCheck(asMap(check))));
        }
        return new Contents(Instant.parse(text(map, "startedAt")), (String) map.get("network"),
                Phase.valueOf(text(map, "phase")), entries);
    }

    private static HealthCheckConfig healthCheck(Map<String, Object> m) {
        return new HealthCheckConfig(text(m, "method"), (String) m.get("arg"), (String) m.get("expected"),
                Boolean.TRUE.equals(m.get("query")), Duration.ofMillis(((Number) m.get("timeoutMillis")).longValue()));
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("\"" + key + "\" is missing");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }
}
