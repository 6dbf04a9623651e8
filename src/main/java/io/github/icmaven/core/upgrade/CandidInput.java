package io.github.icmaven.core.upgrade;

import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.CandidException;
import io.github.icmaven.candid.CandidText;
import io.github.icmaven.candid.IdlValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Candid arguments and expected replies as the user writes them: Candid text, hex, or a file. */
final class CandidInput {
    private static final byte[] DIDL = "DIDL".getBytes(StandardCharsets.US_ASCII);

    private CandidInput() {}

    /**
     * The upgrade argument from at most one of text, hex and file; {@code ()} when none is set.
     *
     * @throws InputException naming the parameter that holds the problem
     */
    static byte[] upgradeArgument(String text, String hex, Path file) throws InputException {
        int given = (blank(text) ? 0 : 1) + (blank(hex) ? 0 : 1) + (file == null ? 0 : 1);
        if (given > 1) {
            throw new InputException(ParameterName.ARG, "set only one of <arg> (ic.arg), <argHex> (ic.argHex) and "
                    + "<argFile> (ic.argFile)", true);
        }
        if (!blank(hex)) {
            return fromHex(hex, ParameterName.ARG_HEX);
        }
        if (file != null) {
            return fromFile(file);
        }
        return fromText(blank(text) ? "()" : text, ParameterName.ARG);
    }

    static byte[] fromText(String text, ParameterName parameter) throws InputException {
        try {
            return Candid.encode(CandidText.parseArgs(text));
        } catch (CandidException e) {
            throw new InputException(parameter, "'" + abbreviate(text) + "' is not valid Candid text: " + oneLine(e.getMessage()));
        }
    }

    /** Candid text, or hex of a Candid message (as {@code healthExpected} accepts). */
    static List<IdlValue> parseValues(String textOrHex, ParameterName parameter) throws InputException {
        String t = textOrHex.trim();
        if (t.regionMatches(true, 0, "4449444c", 0, 8) && t.matches("[0-9a-fA-F]+")) {
            return decode(fromHex(t, parameter), parameter);
        }
        try {
            return CandidText.parseArgs(t);
        } catch (CandidException e) {
            throw new InputException(parameter, "'" + abbreviate(t) + "' is not valid Candid text: " + oneLine(e.getMessage()));
        }
    }

    private static byte[] fromHex(String hex, ParameterName parameter) throws InputException {
        String digits = hex.replaceAll("\\s+", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new InputException(parameter, "'" + abbreviate(hex) + "' is not hex (an even number of 0-9a-f digits)");
        }
        decode(bytes, parameter);
        return bytes;
    }

    private static byte[] fromFile(Path file) throws InputException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(ParameterName.ARG_FILE, file + " does not exist");
        } catch (IOException e) {
            throw new InputException(ParameterName.ARG_FILE, "cannot read " + file + ": " + e.getMessage());
        }
        if (bytes.length >= 4 && Arrays.equals(Arrays.copyOf(bytes, 4), DIDL)) {
            decode(bytes, ParameterName.ARG_FILE);
            return bytes;
        }
        return fromText(new String(bytes, StandardCharsets.UTF_8), ParameterName.ARG_FILE);
    }

    private static List<IdlValue> decode(byte[] bytes, ParameterName parameter) throws InputException {
        try {
            return Candid.decode(bytes);
        } catch (CandidException e) {
            throw new InputException(parameter, "not a valid Candid message: " + oneLine(e.getMessage()));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String abbreviate(String s) {
        String line = oneLine(s);
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
