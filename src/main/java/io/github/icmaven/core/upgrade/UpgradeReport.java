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
 * The JSON report of a run, one for all its canisters: {@code upgrade-<canister>-<timestamp>.json} and a copy
 * named {@code upgrade-<canister>-latest.json}. It holds hashes, ids and step summaries, never key material.
 */
public final class UpgradeReport {
    private static final DateTimeFormatter FILE_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private UpgradeReport() {}

    /** The run, then each canister with its steps. */
    public static String toJson(GroupResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("outcome", result.outcome().name());
        report.put("startedAt", result.startedAt().toString());
        report.put("message", result.message());
        report.put("recovery", result.recovery());
        List<Object> canisters = new ArrayList<>();
        for (UpgradeResult canister : result.canisters()) {
            canisters.add(canister(canister));
        }
        report.put("canisters", canisters);
        return Json.write(report);
    }

    private static Map<String, Object> canister(UpgradeResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("canister", result.canister());
        report.put("canisterId", result.canisterId());
        report.put("network", result.network());
        report.put("outcome", result.outcome().name());
        report.put("startedAt", result.startedAt().toString());
        report.put("moduleHashBefore", result.moduleHashBefore());
        report.put("moduleHashAfter", result.moduleHashAfter());
        report.put("newModuleHash", result.newModuleHash());
        if (result.wasmArtifact() != null) {
            report.put("wasmArtifact", result.wasmArtifact());
        }
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
        return report;
    }

    /**
     * Writes {@code <stem>-<timestamp>.json} and {@code <stem>-latest.json}, the stem being
     * {@code upgrade-} and the canister (or the canisters joined by '+'; a group too long for a file name, as 20
     * canister ids are, by its first canister, how many more and a hash of them all); returns the timestamped one.
     */
    public static Path write(GroupResult result, Path directory) throws IOException {
        return write(result, "upgrade-" + fileSafe(result.name()), directory);
    }

    /** As {@link #write(GroupResult, Path)} with another stem, e.g. {@code recover}. */
    public static Path write(GroupResult result, String stem, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(stem + "-" + FILE_TIMESTAMP.format(result.startedAt()) + ".json");
        Files.writeString(file, toJson(result), StandardCharsets.UTF_8);
        Files.copy(file, directory.resolve(stem + "-latest.json"), StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    static String fileSafe(String name) {
        String safe = name == null ? "canister" : name.replaceAll("[^A-Za-z0-9._+-]", "_");
        if (safe.length() > MAX_NAME_CHARS) {
            String[] members = safe.split("\\+");
            safe = members[0] + "+" + (members.length - 1) + "-more-" + shortHash(safe);
        }
        return safe.isEmpty() ? "canister" : safe;
    }

    /** Leaves room for the stem and timestamp within the 255 bytes most file systems allow a name. */
    private static final int MAX_NAME_CHARS = 180;

    private static String shortHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
