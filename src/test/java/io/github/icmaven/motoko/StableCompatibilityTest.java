package io.github.icmaven.motoko;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StableCompatibilityTest {
    /** The section moc 0.x (npm motoko 4.10.0) wrote into src/test/canisters/motoko/counter.wasm. */
    private static final String COUNTER = "// Version: 1.0.0\nactor {\n  stable var counter : Nat64\n};\n";

    @Test
    void theSameSignatureIsCompatible() {
        StableCompatibility.Verdict verdict = check(COUNTER, COUNTER);
        assertEquals(List.of(), verdict.errors());
        assertEquals(List.of(), verdict.warnings());
    }

    @Test
    void aChangedTypeIsAnErrorNamingTheVariable() {
        StableCompatibility.Verdict verdict = check(COUNTER, "// Version: 1.0.0\nactor {\n  stable var counter : Text\n};\n");
        assertEquals(List.of("stable variable counter cannot change from Nat64 to Text: Nat64 does not convert to Text"),
                verdict.errors());
    }

    @Test
    void aDroppedVariableIsAWarningAndANewOneIsFine() {
        StableCompatibility.Verdict verdict = check(
                "actor { stable var counter : Nat64; stable var names : [Text] };",
                "actor { stable var counter : Nat64; stable var added : Bool };");
        assertTrue(verdict.compatible());
        assertEquals(List.of("stable variable names : [Text] is dropped by the new module: its data is lost"),
                verdict.warnings());
    }

    /** Old type, new type, whether the old value converts. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "Nat | Int | true", "Int | Nat | false", "Nat8 | Nat16 | false", "Nat64 | Nat64 | true",
        "Text | Any | true", "None | Text | true", "Null | ?Nat | true", "?Nat | ?Int | true", "Nat | ?Nat | false",
        "[Nat] | [Int] | true", "[var Nat] | [var Int] | false", "[var Nat] | [var Nat] | true", "[Nat] | [var Nat] | false",
        "(Nat, Text) | (Int, Text) | true", "(Nat, Text) | (Nat, Text, Bool) | false",
        "{a : Nat; b : Text} | {a : Int} | true", "{a : Nat} | {a : Nat; b : Text} | false",
        "{var a : Nat} | {var a : Int} | false", "{var a : Nat} | {a : Nat} | false",
        "{#a; #b : Nat} | {#a; #b : Int; #c : Text} | true", "{#a; #b : Nat} | {#b : Nat} | false",
        "shared () -> async Nat | shared () -> async Nat | true",
    })
    void conversions(String from, String to, boolean compatible) {
        assertEquals(compatible, check("actor { stable x : " + from + " };", "actor { stable x : " + to + " };").compatible(),
                from + " -> " + to);
    }

    @Test
    void typeDefinitionsAreUnfoldedWithTheirParametersAndRecursion() {
        String older = "type List<T> = ?(T, List<T>);\ntype User = {id : Nat; name : Text};\n"
                + "actor { stable var users : List<User> };";
        String widened = "type L<T> = ?(T, L<T>);\ntype Account = {id : Int};\nactor { stable var users : L<Account> };";
        assertTrue(check(older, widened).compatible());
        String narrowed = "type List<T> = ?(T, List<T>);\ntype User = {id : Nat8; name : Text};\n"
                + "actor { stable var users : List<User> };";
        assertEquals(List.of("stable variable users cannot change from List<User> to List<User>: field id: "
                + "Nat does not convert to Nat8"), check(older, narrowed).errors());
    }

    @Test
    void aMigratingModuleTakesOverItsFirstFieldListAndKeepsItsSecond() {
        String migrating = "// Version: 2.0.0\nactor ({\n  stable counter : Nat64\n}, {\n  stable var total : Nat\n});\n";
        assertTrue(check(COUNTER, migrating).compatible());
        assertEquals(List.of("stable variable total : Nat is dropped by the new module: its data is lost"),
                check(migrating, COUNTER).warnings());
    }

    @Test
    void functionTypesThatDifferAreNotCheckedAndSaidSo() {
        StableCompatibility.Verdict verdict = check("actor { stable f : shared () -> async Nat };",
                "actor { stable f : shared query () -> async Nat };");
        assertTrue(verdict.compatible());
        assertEquals(1, verdict.warnings().size(), verdict.warnings().toString());
    }

    @Test
    void unreadableTextNamesTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StableSignature.parse("// Version: 1.0.0\nactor {\n  stable var : Nat\n};"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    private static StableCompatibility.Verdict check(String older, String newer) {
        return StableCompatibility.check(StableSignature.parse(older), StableSignature.parse(newer));
    }
}
