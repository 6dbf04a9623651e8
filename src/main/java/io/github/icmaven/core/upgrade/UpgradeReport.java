package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of a run: {@code upgrade-<canister>-<timestamp>.json} and a copy named
 * {@code upgrade-<canister>-latest.json}. It holds hashes, ids and step summaries, never key material.
 */
public final class UpgradeReport {
    private static final DateTimeFormatter FILE_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private UpgradeReport() {}

    public static String toJson(UpgradeResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("canister", result.canister());
        report.put("canisterId", result.canisterId());
        report.put("network", result.network());
        report.put("outcome", result.outcome().name());
        report.put("startedAt", result.startedAt().toString());
        report.put("moduleHashBefore", result.moduleHashBefore());
        report.put("moduleHashAfter", result.moduleHashAfter());
        report.put("newModuleHash", result.newModuleHash());
        report.put("snapshotId", result.snapshotId());
        report.put("message", result.message());
        List<Object> steps = new ArrayList<>();
        for (StepRecord step : result.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", step.name());
            s.put("status", step.status().name());
            s.put("millis", step.millis());
            s.put("message", step.message());
            steps.add(s);
        }
        report.put("steps", steps);
        return Json.write(report);
    }

    /** Writes both files; returns the timestamped one. */
    public static Path write(UpgradeResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        String stem = "upgrade-" + fileSafe(result.canister());
        Path file = directory.resolve(stem + "-" + FILE_TIMESTAMP.format(result.startedAt()) + ".json");
        Files.writeString(file, toJson(result), StandardCharsets.UTF_8);
        Files.copy(file, directory.resolve(stem + "-latest.json"), StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    static String fileSafe(String name) {
        String safe = name == null ? "canister" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "canister" : safe;
    }
}
