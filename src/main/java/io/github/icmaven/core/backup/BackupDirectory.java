package io.github.icmaven.core.backup;

import io.github.icmaven.core.ic.SnapshotDataKind;
import io.github.icmaven.core.ic.SnapshotMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk layout of a snapshot backup, the one icp-cli's {@code canister snapshot download/upload}
 * use: {@code metadata.json}, {@code wasm_module.bin}, {@code wasm_memory.bin}, {@code stable_memory.bin},
 * {@code wasm_chunk_store/<sha256 hex>.bin}. We add {@code manifest.sha256} (the SHA-256 of every other
 * file, in {@code sha256sum} format, so {@code sha256sum -c manifest.sha256} checks a backup by hand),
 * written last: a directory with a manifest holds a finished download. icp-cli ignores the manifest.
 */
public final class BackupDirectory {
    public static final String METADATA_FILE = "metadata.json";
    public static final String MANIFEST_FILE = "manifest.sha256";
    public static final String CHUNK_STORE_DIRECTORY = "wasm_chunk_store";
    /** icp-cli's record of an unfinished download (deleted when it finishes). */
    static final String ICP_CLI_DOWNLOAD_PROGRESS_FILE = ".download_progress.json";

    private final Path root;

    public BackupDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path metadataFile() {
        return root.resolve(METADATA_FILE);
    }

    public Path manifestFile() {
        return root.resolve(MANIFEST_FILE);
    }

    public static String blobFileName(SnapshotDataKind kind) {
        return switch (kind) {
            case WASM_MODULE -> "wasm_module.bin";
            case WASM_MEMORY -> "wasm_memory.bin";
            case STABLE_MEMORY -> "stable_memory.bin";
        };
    }

    public Path blobFile(SnapshotDataKind kind) {
        return root.resolve(blobFileName(kind));
    }

    public static String chunkFileName(byte[] hash) {
        return CHUNK_STORE_DIRECTORY + "/" + HexFormat.of().formatHex(hash) + ".bin";
    }

    public Path chunkFile(byte[] hash) {
        return root.resolve(chunkFileName(hash));
    }

    static long blobSize(SnapshotMetadata metadata, SnapshotDataKind kind) {
        return switch (kind) {
            case WASM_MODULE -> metadata.wasmModuleSize();
            case WASM_MEMORY -> metadata.wasmMemorySize();
            case STABLE_MEMORY -> metadata.stableMemorySize();
        };
    }

    /** @throws BackupIntegrityException if metadata.json is missing or not icp-cli's format */
    public SnapshotMetadata readMetadata() throws IOException {
        try {
            return SnapshotMetadataJson.read(Files.readString(metadataFile(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new BackupIntegrityException(root + " holds no " + METADATA_FILE + ": not a snapshot backup");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new BackupIntegrityException(metadataFile() + " is not a snapshot metadata file: " + e.getMessage());
        }
    }

    /** The files a backup of {@code metadata} consists of, relative to the root, metadata first. */
    static List<String> dataFiles(SnapshotMetadata metadata) {
        List<String> files = new ArrayList<>();
        files.add(METADATA_FILE);
        for (SnapshotDataKind kind : SnapshotDataKind.values()) {
            files.add(blobFileName(kind));
        }
        for (byte[] hash : metadata.wasmChunkStore()) {
            files.add(chunkFileName(hash));
        }
        return files;
    }

    /** Hashes every file of the backup and writes the manifest (atomically, so its presence means complete). */
    void writeManifest(SnapshotMetadata metadata) throws IOException {
        StringBuilder manifest = new StringBuilder();
        for (String file : dataFiles(metadata)) {
            manifest.append(HexFormat.of().formatHex(sha256(root.resolve(file)))).append("  ").append(file).append('\n');
        }
        writeAtomically(manifestFile(), manifest.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks the whole backup without touching the network: every file the metadata names exists with the
     * size it gives, every chunk hashes to its name, and, when there is a manifest (our downloads; icp-cli's
     * have none), every file matches its SHA-256 and nothing is missing from it.
     *
     * @return the metadata, ready to upload
     * @throws BackupIntegrityException naming the first file that does not match
     */
    public SnapshotMetadata verify() throws IOException {
        // Blob files of an unfinished download have their full size, with holes: sizes alone would pass.
        for (String progressFile : List.of(DownloadProgress.FILE_NAME, ICP_CLI_DOWNLOAD_PROGRESS_FILE)) {
            if (Files.exists(root.resolve(progressFile))) {
                throw new BackupIntegrityException(root + " holds an unfinished download (" + progressFile
                        + "); finish it by downloading again into the same directory");
            }
        }
        SnapshotMetadata metadata = readMetadata();
        for (SnapshotDataKind kind : SnapshotDataKind.values()) {
            long expected = blobSize(metadata, kind);
            Path file = blobFile(kind);
            long actual = Files.exists(file) ? Files.size(file) : -1;
            // icp-cli writes no file for an empty blob.
            if (actual != expected && !(expected == 0 && actual == -1)) {
                throw new BackupIntegrityException(file + (actual < 0 ? " is missing" : " has " + actual + " bytes")
                        + "; " + METADATA_FILE + " says " + expected);
            }
        }
        for (byte[] hash : metadata.wasmChunkStore()) {
            Path file = chunkFile(hash);
            if (!Files.exists(file)) {
                throw new BackupIntegrityException(file + " is missing");
            }
            if (!MessageDigest.isEqual(hash, sha256(file))) {
                throw new BackupIntegrityException(file + " does not hash to its name: the chunk is corrupted");
            }
        }
        if (Files.exists(manifestFile())) {
            Map<String, String> manifest = readManifest();
            for (String file : dataFiles(metadata)) {
                if (!manifest.containsKey(file)) {
                    throw new BackupIntegrityException(MANIFEST_FILE + " has no checksum for " + file);
                }
            }
            for (Map.Entry<String, String> entry : manifest.entrySet()) {
                Path file = root.resolve(entry.getKey()).normalize();
                if (!file.startsWith(root.normalize())) {
                    throw new BackupIntegrityException(MANIFEST_FILE + " names a file outside the backup: " + entry.getKey());
                }
                String actual = Files.exists(file) ? HexFormat.of().formatHex(sha256(file)) : "(missing)";
                if (!actual.equalsIgnoreCase(entry.getValue())) {
                    throw new BackupIntegrityException(file + " does not match its SHA-256 in " + MANIFEST_FILE
                            + " (expected " + entry.getValue() + ", found " + actual + "): the backup is corrupted");
                }
            }
        }
        return metadata;
    }

    private Map<String, String> readManifest() throws IOException {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String line : Files.readAllLines(manifestFile(), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            // sha256sum format: 64 hex digits, a space, a space (text) or '*' (binary), the path.
            if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-fA-F]{64}")) {
                throw new BackupIntegrityException(MANIFEST_FILE + " has a malformed line: " + line);
            }
            checksums.put(line.substring(66), line.substring(0, 64));
        }
        return checksums;
    }

    static byte[] sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Via a temporary file and a rename, so a crash leaves the old file or the new one, never half of one. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
