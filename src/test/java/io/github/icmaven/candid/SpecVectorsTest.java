package io.github.icmaven.candid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vectors from dfinity/candid test/prim.test.did and test/construct.test.did, written in the suite's own
 * notation: the message as a blob literal, the expected value as Candid text, and the types.
 */
class SpecVectorsTest {

    private static byte[] blob(String literal) {
        return CandidText.parseArgs("(blob \"" + literal + "\")").get(0).asBlob();
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
        DIDL\\00\\01\\7e\\01                     | (true)                  | (bool)            | bool: true
        DIDL\\00\\01\\7d\\80\\01                 | (128)                   | (nat)             | nat: leb (two bytes)
        DIDL\\00\\01\\7d\\ff\\00                 | (127)                   | (nat)             | nat: leb overlong
        DIDL\\00\\01\\7d\\80\\80\\98\\f4\\e9\\b5\\ca\\6a | (60000000000000000) | (nat)         | nat: big number
        DIDL\\00\\01\\7c\\40                     | (-64)                   | (int)             | int: -64
        DIDL\\00\\01\\7c\\80\\7f                 | (-128)                  | (int)             | int: leb not overlong when signed
        DIDL\\00\\01\\7c\\80\\80\\e8\\8b\\96\\ca\\b5\\95\\7f | (-60000000000000000) | (int)     | int: negative big number
        DIDL\\00\\01\\78\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff | (18446744073709551615) | (nat64)  | nat64: max
        DIDL\\00\\01\\76\\ff\\ff                 | (-1)                    | (int16)           | int16: -1
        DIDL\\00\\01\\73\\00\\00\\00\\bf         | (-0.5)                  | (float32)         | float32: -0.5
        DIDL\\00\\01\\72\\00\\00\\00\\00\\00\\00\\08\\40 | (3.)            | (float64)         | float64: 3
        DIDL\\00\\01\\71\\03\\e2\\98\\83         | ("\\u{2603}")           | (text)            | text: Unicode
        DIDL\\00\\01\\71\\86\\00Motoko           | ("Motoko")              | (text)            | text: overlong length leb
        DIDL\\00\\01\\70                         | (null : reserved)       | (reserved)        | reserved
        DIDL\\01\\6e\\6f\\01\\00\\00             | (null)                  | (opt empty)       | opt empty: null
        DIDL\\00\\0a\\7f\\7e\\7d\\7c\\7f\\70\\7f\\7b\\7a\\79\\01\\2a\\2a\\2a\\2a\\00\\2a\\00\\00\\00 | (null, true, 42, 42, null, null, null, 42, 42, 42) | (null, bool, nat, int, null, reserved, null, nat8, nat16, nat32) | multiple arguments
        DIDL\\02\\6e\\01\\6e\\7c\\01\\00\\01\\01\\2a | (opt opt 42)         | (opt opt int)     | opt: nested
        DIDL\\01\\6d\\7c\\01\\00\\00             | (vec {})                | (vec int8)        | vec: non subtype empty
        DIDL\\01\\6d\\7b\\01\\00\\02\\01\\02     | (blob "\\01\\02")       | (vec nat8)        | vec: blob
        DIDL\\01\\6c\\01\\01\\7c\\01\\00\\2a     | (record { 1 = opt 42 }) | (record {1:opt int}) | record: opt
        DIDL\\01\\6c\\01\\01\\7c\\01\\00\\2a     | (record {})             | (record {})       | record: ignore fields
        DIDL\\01\\6c\\01\\01\\7c\\01\\00\\2a     | (record { 2 = null })   | (record {2:opt int}) | record: missing opt field
        DIDL\\01\\6c\\02\\d3\\e3\\aa\\02\\7e\\86\\8e\\b7\\02\\7c\\01\\00\\01\\2a | (record { foo = 42; bar = true}) | (record {foo:int; bar:bool}) | record: named fields
        DIDL\\01\\6c\\01\\cd\\84\\b0\\05\\7f\\01\\00 | (record { "\\u{2603}" = null }) | (record { "\\u{2603}":null }) | record: unicode field
        DIDL\\00\\01\\7e\\01                     | (opt true)              | (opt bool)        | opt: parsing true : opt bool
        DIDL\\01\\6e\\7f\\01\\00\\00             | (null)                  | (opt opt null)    | opt: null at opt opt null gives null
        DIDL\\00\\01\\7e\\01                     | (null)                  | (opt opt bool)    | opt: true at opt opt bool gives null
        DIDL\\00\\01\\70                         | (null)                  | (opt nat)         | reserved <: opt nat
        DIDL\\01\\6e\\7e\\01\\00\\01\\01         | (null)                  | (opt nat)         | opt true : opt bool <: opt nat
        DIDL\\02\\6e\\01\\6e\\7e\\01\\00\\01\\01\\01 | (opt null)           | (opt opt nat)     | opt opt true <: opt opt nat
        DIDL\\02\\6e\\01\\6b\\01\\00\\7e\\01\\00\\01\\00\\01 | (null)       | (opt variant { 0 : int }) | opt: recovered coercion error under variant
        DIDL\\01\\6c\\00\\01\\00                 | (record { foo = null }) | (record { foo : opt bool }) | missing optional field
        DIDL\\01\\6b\\02\\00\\7f\\01\\7f\\01\\00\\01 | (variant {1})        | (variant {0;1;2}) | variant: change index
        DIDL\\01\\6b\\02\\b3\\d3\\c9\\01\\7f\\e6\\fd\\d5\\01\\7f\\01\\00\\00 | (variant { Bar }) | (variant { Foo; Bar; }) | variant: enum
        DIDL\\01\\6b\\02\\bc\\8a\\01\\71\\c5\\fe\\d2\\01\\71\\01\\00\\00\\04\\67\\6f\\6f\\64 | (variant { Ok = "good" }) | (variant { Ok: text; Err: text }) | variant: result
        DIDL\\03\\6b\\03\\b3\\d3\\c9\\01\\01\\bb\\d3\\c9\\01\\02\\e6\\fd\\d5\\01\\7f\\6c\\02\\00\\7e\\01\\7c\\6c\\02\\61\\7c\\62\\7d\\01\\00\\00\\01\\2a | (variant { Bar = record { true; 42 } }) | (variant { Foo; Bar: record { bool; int }; Baz: record { a: int; b: nat } }) | variant
        DIDL\\00\\00                             | (null)                  | (opt bool)        | opt: missing trailing argument
        DIDL\\01\\6d\\7f\\01\\00\\e8\\07         | (vec {})                | ()                | vec: space bomb (1000 nulls) is fine
        """)
    void decodesAsTheSuiteSays(String message, String expectedText, String typesText, String name) {
        List<IdlType> types = CandidText.parseTypes(typesText);
        List<IdlValue> decoded = Candid.decode(blob(message), types);
        List<IdlValue> expected = CandidText.parseArgs(expectedText, types);
        assertEquals(expected, decoded, name);
        assertTrue(Candid.sameValues(expected, decoded), name);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
        ''                                 | ()              | empty
        DADL\\00\\00                       | ()              | wrong magic bytes
        DIDL\\00\\00\\00                   | ()              | nullary: too long
        DIDL\\00\\01\\6e                   | ()              | not a primitive type
        DIDL\\00\\01\\7e\\02               | (bool)          | bool: out of range
        DIDL\\00\\01\\7d\\80               | (nat)           | nat: leb too short
        DIDL\\00\\01\\7a\\00               | (nat16)         | nat16: too short
        DIDL\\00\\01\\71\\05Motoko         | (text)          | text: too long
        DIDL\\00\\01\\71\\03\\e2\\28\\a1   | (text)          | text: invalid utf8
        DIDL\\00\\01\\6f                   | (empty)         | cannot decode empty type
        DIDL\\00\\01\\7e                   | (null)          | wrong type
        DIDL\\01\\6e\\00                   | ()              | type too short
        DIDL\\01\\00\\00                   | ()              | vacuous type
        DIDL\\01\\6e\\01\\00               | ()              | table entry out of range
        DIDL\\00\\01\\6e\\7f\\00           | ()              | non-primitive in arg list
        DIDL\\01\\68\\00                   | ()              | principal in the table
        DIDL\\01\\6e\\7c\\01\\00\\02\\2a   | (opt int)       | opt: out of range
        DIDL\\01\\6c\\01\\01\\7c\\01\\00\\2a | (record {2:int}) | record: missing field
        DIDL\\01\\6c\\02\\00\\7c\\01\\7e\\01\\00\\2a\\01 | (record {bool; int}) | record: type mismatch
        DIDL\\01\\6c\\02\\01\\7c\\00\\7e\\01\\00\\2a\\01 | (record {1:int; 0:bool}) | record: unsorted
        DIDL\\01\\6c\\01\\80\\e4\\97\\d0\\12\\7c\\01\\00\\2a | (record {}) | record: field hash larger than u32
        DIDL\\01\\6c\\01\\00\\00\\01\\00   | (reserved)      | record: empty recursion
        DIDL\\01\\6b\\01\\00\\7f\\01\\00\\00 | (variant {1}) | variant: missing field
        DIDL\\01\\6b\\01\\00\\7f\\01\\00\\01 | (variant {0}) | variant: index out of range
        DIDL\\01\\6e\\7e\\01\\00\\01\\02   | (opt nat)       | opt bool <: opt nat with invalid boolean value
        DIDL\\00\\00                       | (null)          | null: missing
        """)
    void rejectsAsTheSuiteSays(String message, String typesText, String name) {
        List<IdlType> types = CandidText.parseTypes(typesText);
        assertThrows(CandidException.class, () -> Candid.decode(blob(message), types), name);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
        DIDL\\00\\01\\7e\\01                   | (true : bool)           | bool
        DIDL\\00\\01\\7d\\80\\01               | (128 : nat)             | nat
        DIDL\\00\\01\\7c\\7f                   | (-1 : int)              | int
        DIDL\\00\\01\\71\\06Motoko             | ("Motoko")              | text
        DIDL\\01\\6e\\7c\\01\\00\\01\\2a       | (opt (42 : int))        | opt
        DIDL\\01\\6d\\7b\\01\\00\\02\\01\\02   | (blob "\\01\\02")       | blob
        DIDL\\01\\6c\\02\\00\\7c\\01\\7e\\01\\00\\2a\\01 | (record { 42 : int; true }) | tuple record
        DIDL\\01\\6b\\01\\00\\7f\\01\\00\\00   | (variant { 0 })         | variant with a numeric id
        """)
    void encodesByteExactly(String message, String valueText, String name) {
        List<IdlValue> values = CandidText.parseArgs(valueText);
        assertArrayEquals(blob(message), Candid.encode(values), name);
    }
}
