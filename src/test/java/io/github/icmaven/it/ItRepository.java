package io.github.icmaven.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A Maven repository in a directory, for ITs that resolve {@code <wasmArtifact>} through a {@code file://}
 * repository: modules are published as a repository manager would, each with its {@code .sha1} checksum file.
 */
public final class ItRepository {
    private final Path root;

    private ItRepository(Path root) {
        this.root = root;
    }

    public static ItRepository at(File directory) {
        return new ItRepository(directory.toPath());
    }

    /** Publishes {@code wasm} as {@code groupId:artifactId:version} (type wasm) with its SHA-1 checksum file. */
    public Path publish(String groupId, String artifactId, String version, File wasm) throws Exception {
        Path file = file(groupId, artifactId, version);
        Files.createDirectories(file.getParent());
        Files.copy(wasm.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        writeSha1(file, Files.readAllBytes(file));
        return file;
    }

    /** Publishes {@code wasm} with the checksum of {@code checksummed}: a download the checksums must catch. */
    public void publishWithWrongChecksum(String groupId, String artifactId, String version, File wasm, File checksummed)
            throws Exception {
        Path file = publish(groupId, artifactId, version, wasm);
        writeSha1(file, Files.readAllBytes(checksummed.toPath()));
    }

    /** Removes {@code groupId} from a local repository, so that the build downloads it again. */
    public static void forget(File localRepository, String groupId) throws IOException {
        Path group = localRepository.toPath().resolve(groupId.replace('.', '/'));
        if (Files.exists(group)) {
            try (var paths = Files.walk(group)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private Path file(String groupId, String artifactId, String version) {
        return root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".wasm");
    }

    private static void writeSha1(Path file, byte[] content) throws Exception {
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), sha1);
    }
}
