package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.InputException;
import io.github.icmaven.core.upgrade.ParameterName;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Resolves {@code <wasmArtifact>} coordinates, {@code groupId:artifactId:version[:type[:classifier]]}, to a module
 * file through Maven's repository system: the local repository, then the project's repositories, with checksums
 * enforced (a download whose checksum does not match fails instead of being installed).
 */
final class WasmArtifactResolver {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    WasmArtifactResolver(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = checksumsEnforced(session);
        this.repositories = repositories;
    }

    /** The module file of {@code coordinates}, downloaded into the local repository if needed. */
    Path resolve(String coordinates) throws InputException {
        ArtifactRequest request = new ArtifactRequest(artifact(coordinates), repositories, null);
        try {
            return system.resolveArtifact(session, request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new InputException(ParameterName.WASM_ARTIFACT, coordinates + " cannot be resolved: "
                    + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        }
    }

    /**
     * {@code groupId:artifactId:version[:type[:classifier]]}; the type is the file extension ({@code wasm}, the
     * default, or {@code wasm.gz}), {@code canister} meaning {@code wasm} (the {@code canister} packaging's
     * artifact).
     */
    static Artifact artifact(String coordinates) throws InputException {
        String[] parts = coordinates.trim().split(":", -1);
        boolean blankPart = false;
        for (String part : parts) {
            blankPart |= part.isBlank();
        }
        if (parts.length < 3 || parts.length > 5 || blankPart) {
            throw new InputException(ParameterName.WASM_ARTIFACT, "'" + coordinates
                    + "' is not groupId:artifactId:version[:type[:classifier]], e.g. com.example:backend:1.2.0");
        }
        String type = parts.length > 3 ? parts[3] : "wasm";
        String extension = CanisterPackaging.ID.equals(type) ? "wasm" : type;
        String classifier = parts.length > 4 ? parts[4] : "";
        return new DefaultArtifact(parts[0], parts[1], classifier, extension, parts[2]);
    }

    private static RepositorySystemSession checksumsEnforced(RepositorySystemSession session) {
        DefaultRepositorySystemSession strict = new DefaultRepositorySystemSession(session);
        strict.setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        return strict;
    }
}
