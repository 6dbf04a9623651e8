package io.github.icmaven.core.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.icmaven.testcanisters.TestCanisters;
import org.junit.jupiter.api.Test;

class LocalCanisterCreationTest {

    @Test
    void mainnetIsRefusedBeforeAnyCall() {
        InputException e = assertThrows(InputException.class, () -> new LocalCanisterCreation(UpgradeListener.SILENT)
                .createAndInstall("ic", null, TestCanisters.counterV1Path(), null));

        assertEquals("<network> (ic.network): https://icp-api.io is not a local replica: ic:create only creates"
                + " canisters on local networks (create them on the IC with icp-cli or dfx)", e.getMessage());
    }
}
