package io.github.icmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.icmaven.core.upgrade.InputException;
import org.eclipse.aether.artifact.Artifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WasmArtifactResolverTest {

    @Test
    void versionWithoutTypeIsAWasmFile() throws Exception {
        Artifact artifact = WasmArtifactResolver.artifact("com.example:backend:1.4.0");

        assertEquals("com.example:backend:wasm:1.4.0", artifact.toString());
    }

    @Test
    void typeIsTheExtensionAndCanisterMeansWasm() throws Exception {
        assertEquals("wasm.gz", WasmArtifactResolver.artifact("com.example:backend:1.4.0:wasm.gz").getExtension());
        Artifact packaged = WasmArtifactResolver.artifact("com.example:backend:1.4.0:canister:prod");
        assertEquals("wasm", packaged.getExtension());
        assertEquals("prod", packaged.getClassifier());
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example:backend", "com.example::1.0", "a:b:c:d:e:f", " "})
    void otherShapesAreRefusedNamingTheParameter(String coordinates) {
        InputException e = assertThrows(InputException.class, () -> WasmArtifactResolver.artifact(coordinates));

        assertEquals("<wasmArtifact> (ic.wasmArtifact): '" + coordinates
                + "' is not groupId:artifactId:version[:type[:classifier]], e.g. com.example:backend:1.2.0", e.getMessage());
    }
}
