package io.github.icmaven.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.icmaven.testcanisters.TestCanisters;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IT fixture prepares a canister in a state directory and reads it back as a build left it. */
class ItCanisterTest {

    @Test
    void preparedCanisterIsReadBackFromTheStateDirectory(@TempDir Path basedir) throws Exception {
        ItCanister canister = ItCanister.of(basedir.toFile());
        canister.prepare(TestCanisters.counterV1Path().toFile(), 3, 2);

        ItCanister.Inspection seen = canister.inspect();
        assertEquals("RUNNING", seen.status());
        assertEquals(ItCanister.sha256Hex(TestCanisters.counterV1Path().toFile()), seen.moduleHash());
        assertEquals(3L, seen.counter());
        assertEquals(2, seen.snapshots());
    }
}
