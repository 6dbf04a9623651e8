package io.github.icmaven.candid;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Lexical rules of the Candid text format shared by type and value printing. */
final class IdlText {
    static final Set<String> KEYWORDS = Set.of("null", "bool", "nat", "int", "nat8", "nat16", "nat32", "nat64",
            "int8", "int16", "int32", "int64", "float32", "float64", "text", "reserved", "empty", "principal",
            "opt", "vec", "record", "variant", "func", "service", "blob", "type", "import", "query", "oneway",
            "composite_query", "true", "false");

    private IdlText() {
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || KEYWORDS.contains(s)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** A name as written in Candid text: bare if it is an identifier, else quoted. */
    static String name(String name) {
        return isIdentifier(name) ? name : quote(name);
    }

    /** A field label: its name if known, else its numeric id. */
    static String fieldLabel(long id, String name) {
        return name != null ? name(name) : Long.toString(id);
    }

    static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /** A blob literal body: printable ASCII as is, other bytes as {@code \xx}. */
    static String quoteBlob(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3 + 2).append('"');
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v >= 0x20 && v < 0x7f && v != '"' && v != '\\') {
                sb.append((char) v);
            } else {
                sb.append('\\').append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
            }
        }
        return sb.append('"').toString();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
