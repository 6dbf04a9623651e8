package io.github.icmaven.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The little JSON this plugin reads and writes (canister_ids.json, the run report, the upgrade journal,
 * snapshot backups' metadata.json) with Jackson: parsing into Map (in file order) / List / String / number /
 * Boolean / null, and writing those back pretty-printed with two-space indentation, as serde_json does
 * (icp-cli reads our metadata.json and we read its).
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader PLAIN = MAPPER.readerFor(Object.class);
    private static final ObjectReader EXACT = MAPPER.readerFor(Object.class)
            .with(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectWriter PRETTY = MAPPER.writer(serdePrettyPrinter());

    private Json() {}

    /**
     * Numbers become Integer, Long or BigInteger, and Double.
     *
     * @throws IllegalArgumentException naming the first problem and where it is
     */
    public static Object parse(String text) {
        return parse(text, PLAIN);
    }

    /**
     * Numbers stay exact: integers become BigInteger (u64 and nat fields), others BigDecimal.
     *
     * @throws IllegalArgumentException naming the first problem and where it is
     */
    public static Object parseExact(String text) {
        return parse(text, EXACT);
    }

    private static Object parse(String text, ObjectReader reader) {
        try {
            return reader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + " at " + location(e), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "the end"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Pretty-prints maps (in their iteration order), lists, strings, numbers, booleans and null. */
    public static String write(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** {@code "key": value}, two-space indents and {@code {}} / {@code []} when empty, as serde_json writes. */
    private static DefaultPrettyPrinter serdePrettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
