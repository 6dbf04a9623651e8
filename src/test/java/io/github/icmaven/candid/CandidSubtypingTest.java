package io.github.icmaven.candid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CandidSubtypingTest {
    /** The type definitions of the Candid test suite's test/subtypes.test.did (spec version 0.1.4). */
    private static final String SPEC_DEFINITIONS = """
            type Vec = vec Vec;
            type EmptyRecord = record { 0 : EmptyRecord };
            type MuRecordOpt = record { 0 : opt MuRecordOpt };
            type EmptyVariant = variant { 0: EmptyVariant };
            type MuOpt = opt MuOpt;
            """;

    /**
     * Every case of test/subtypes.test.did except the future-type ones (a future type has no text form): the
     * vector's description {@code t1 <: t2} or {@code t1 </: t2}, with µ types written by their names.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        // some reflexive cases
        "null | <: | null", "bool | <: | bool", "nat | <: | nat", "int | <: | int",
        // more basic cases
        "nat | <: | int", "int | </: | nat", "nat | </: | nat8", "nat8 | </: | nat",
        // options: supertypes of anything really
        "nat | <: | opt bool", "opt bool | <: | opt bool", "bool | <: | opt bool", "MuOpt | <: | opt opt nat",
        // optional record fields
        "record {} | <: | record {}", "record {} | <: | record { a : opt empty }",
        "record {} | <: | record { a : opt null }", "record {} | <: | record { a : reserved }",
        "record {} | </: | record { a : empty }", "record {} | </: | record { a : nat }",
        "record {} | </: | record { a : null }",
        // optional func results
        "func () -> () | <: | func () -> ()", "func () -> () | <: | func () -> (opt empty)",
        "func () -> () | <: | func () -> (opt null)", "func () -> () | <: | func () -> (reserved)",
        "func () -> () | </: | func () -> (empty)", "func () -> () | </: | func () -> (nat)",
        "func () -> () | </: | func () -> (null)",
        // optional func arguments
        "func (opt empty) -> () | <: | func () -> ()", "func (opt null) -> () | <: | func () -> ()",
        "func (reserved) -> () | <: | func () -> ()", "func (empty) -> () | </: | func () -> ()",
        "func (nat) -> () | </: | func () -> ()", "func (null) -> () | </: | func () -> ()",
        // variants
        "variant {} | <: | variant {}", "variant {} | <: | variant { 0 : nat }",
        "variant { 0 : nat } | <: | variant { 0 : nat }", "variant { 0 : bool } | </: | variant { 0 : nat }",
        "variant { 0 : bool } | </: | variant { 1 : bool }",
        // infinite types
        "EmptyRecord | <: | EmptyRecord", "EmptyRecord | </: | empty", "empty | <: | EmptyRecord",
        "EmptyRecord | <: | record { EmptyRecord }", "record { EmptyRecord } | <: | EmptyRecord",
        "EmptyRecord | <: | MuRecordOpt",
        "EmptyVariant | <: | EmptyVariant", "EmptyVariant | </: | empty", "empty | <: | EmptyVariant",
        "EmptyVariant | <: | variant { 0 : EmptyVariant }", "variant { 0 : EmptyVariant } | <: | EmptyVariant",
        "Vec | <: | Vec", "Vec | </: | empty", "empty | <: | Vec", "Vec | <: | vec Vec", "vec Vec | <: | Vec",
    })
    void candidTestSuiteSubtypeVectors(String t1, String relation, String t2) {
        assertEquals(relation.equals("<:"), subtype(SPEC_DEFINITIONS, t1, t2).isEmpty(), t1 + " " + relation + " " + t2);
    }

    /** The spec's rules beyond the test suite's vectors. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "text | <: | reserved", "record { a : nat } | <: | reserved", "empty | <: | text",
        "nat8 | </: | nat16", "int64 | </: | int", "principal | <: | principal", "blob | <: | vec nat8",
        "vec nat | <: | vec int", "vec int | </: | vec nat",
        "opt nat | <: | opt int", "null | <: | opt text", "reserved | </: | opt nat",
        "record { a : nat; b : text } | <: | record { a : int }", "record { a : nat } | </: | record { a : text }",
        "variant { a } | <: | variant { a; b }", "variant { a; b } | </: | variant { a }",
        "func (int) -> (nat) | <: | func (nat) -> (int)", "func (nat) -> () | </: | func (int) -> ()",
        "func () -> (nat, text) | <: | func () -> (nat)", "func (nat) -> () | <: | func (nat, text) -> ()",
        "func (nat, opt text) -> () | <: | func (nat) -> ()", "func (nat, text) -> () | </: | func (nat) -> ()",
        "func () -> () query | </: | func () -> ()", "func () -> () | </: | func () -> () query",
        "func () -> () composite_query | <: | func () -> () composite_query",
        "service { a : () -> (); b : () -> () } | <: | service { a : () -> () }",
        "service { a : () -> () } | </: | service { b : () -> () }",
        "service { a : (int) -> () } | <: | service { a : (nat) -> () }",
    })
    void specRules(String t1, String relation, String t2) {
        assertEquals(relation.equals("<:"), subtype("", t1, t2).isEmpty(), t1 + " " + relation + " " + t2);
    }

    @Test
    void theSpecialOptRulesHoldWithAWarning() {
        CandidSubtyping.Verdict viaSpecialRule = CandidSubtyping.subtypeWithWarnings(
                iface(""), type("opt text"), iface(""), type("opt nat"));
        assertTrue(viaSpecialRule.compatible());
        assertEquals(List.of("opt text <: opt nat only by the special opt rule: such values will read as null"),
                viaSpecialRule.warnings());
        CandidSubtyping.Verdict ordinary = CandidSubtyping.subtypeWithWarnings(
                iface(""), type("nat"), iface(""), type("opt int"));
        assertEquals(List.of(), ordinary.warnings());
        // the premise not (null <: t'): nat <: opt opt nat only by the special rule
        assertEquals(1, CandidSubtyping.subtypeWithWarnings(iface(""), type("nat"), iface(""), type("opt opt nat"))
                .warnings().size());
    }

    @Test
    void sameNameInTwoInterfacesIsTwoTypes() {
        CandidInterface older = CandidInterface.parse("type T = record { a : nat }; service : { m : () -> (T) }");
        CandidInterface newer = CandidInterface.parse("type T = record { a : text }; service : { m : () -> (T) }");
        CandidSubtyping.Verdict verdict = CandidSubtyping.serviceCompatible(newer, older);
        assertEquals(List.of("method m changed from () -> (T) to () -> (T): result 1: field a: text is not a subtype of nat"),
                verdict.incompatibilities());
    }

    @Test
    void recursiveTypesAcrossTwoInterfaces() {
        CandidInterface older = CandidInterface.parse(
                "type List = opt record { head : nat; tail : List }; service : { all : () -> (List) query }");
        CandidInterface widened = CandidInterface.parse(
                "type Node = record { head : nat; tail : Chain }; type Chain = opt Node;"
                        + " service : { all : () -> (Chain) query; extra : () -> () }");
        assertTrue(CandidSubtyping.serviceCompatible(widened, older).compatible());
        CandidInterface changed = CandidInterface.parse(
                "type List = opt record { head : int; tail : List }; service : { all : () -> (List) query }");
        CandidSubtyping.Verdict verdict = CandidSubtyping.serviceCompatible(changed, older);
        assertTrue(verdict.compatible(), "int </: nat inside the opt reads as null: the special opt rule");
        assertFalse(verdict.warnings().isEmpty());
    }

    @Test
    void namesEveryIncompatibleMethodAndWhy() {
        CandidInterface older = CandidInterface.parse("""
                service : (init : nat) -> {
                  get : () -> (nat64) query;
                  set : (nat64) -> ();
                  put : (record { key : text }) -> ();
                  keep : () -> (text);
                }
                """);
        CandidInterface newer = CandidInterface.parse("""
                service : {
                  set : (text) -> ();
                  put : (record { key : text; value : blob }) -> ();
                  keep : () -> (text, opt nat);
                  added : () -> ();
                }
                """);
        CandidSubtyping.Verdict verdict = CandidSubtyping.serviceCompatible(newer, older);
        assertEquals(List.of(
                "method get : () -> (nat64) query was removed",
                "method put changed from (record { key : text; }) -> () to (record { key : text; value : blob; }) -> (): "
                        + "argument 1: field value : blob is required but missing, and it is not opt or reserved",
                "method set changed from (nat64) -> () to (text) -> (): argument 1: nat64 is not a subtype of text"),
                verdict.incompatibilities());
    }

    @Test
    void serviceByNameAndMethodsByFuncTypeName() {
        CandidInterface older = CandidInterface.parse(
                "type Getter = func () -> (nat) query; type S = service { get : Getter }; service : S");
        CandidInterface newer = CandidInterface.parse("service : { get : () -> (nat) query }");
        assertTrue(CandidSubtyping.serviceCompatible(newer, older).compatible());
        assertEquals(List.of("get"), List.copyOf(older.methods().keySet()));
    }

    @Test
    void refusesUndefinedAndSelfDefinedTypes() {
        assertThrows(CandidException.class, () -> CandidInterface.parse("service : { m : (Missing) -> () }"));
        assertThrows(CandidException.class, () -> CandidInterface.parse("type A = B; type B = A; service : {}"));
        assertThrows(CandidException.class, () -> CandidInterface.parse("type A = nat;"));
    }

    private static Optional<String> subtype(String definitions, String t1, String t2) {
        return CandidSubtyping.subtype(iface(definitions + "type Sub = " + t1 + ";"), new DidType.Named("Sub"),
                iface(definitions + "type Sup = " + t2 + ";"), new DidType.Named("Sup"));
    }

    private static CandidInterface iface(String definitions) {
        return CandidInterface.parse(definitions + " service : {}");
    }

    private static DidType type(String text) {
        return DidFile.syntax("type X = " + text + ";").definitions().get("X");
    }
}
