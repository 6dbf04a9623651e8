package io.github.icmaven.core.upgrade;

import io.github.icmaven.ic.Principal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Report file names: the canisters joined while they fit in a file name, shortened for large groups. */
class UpgradeReportNameTest {
    @Test
    void aSmallGroupIsNamedByAllItsCanisters() {
        assertEquals("upgrade+worker", UpgradeReport.fileSafe("upgrade+worker"));
        assertEquals("a_b", UpgradeReport.fileSafe("a/b"));
    }

    @Test
    void twentyCanistersStillMakeAFileNameThatIdentifiesTheGroup() {
        String twenty = String.join("+", ids(0, 20));
        // Same first canister, same size, one other member.
        String other = String.join("+", ids(0, 19)) + "+" + Principal.canisterId(30).toText();

        String name = UpgradeReport.fileSafe(twenty);

        // The stem "upgrade-", this name and "-<timestamp>.json" must fit the 255 bytes of a file name.
        assertTrue(name.length() <= 180, name);
        assertTrue(name.startsWith(ids(0, 1).get(0) + "+19-more-"), name);
        assertNotEquals(name, UpgradeReport.fileSafe(other));
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> Principal.canisterId(i).toText()).toList();
    }
}
