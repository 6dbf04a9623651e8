package io.github.icmaven.core.ic.identity;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code -----BEGIN label-----} block of a PEM text, with its RFC 1421 headers (e.g. {@code DEK-Info}). */
record PemBlock(String label, Map<String, String> headers, byte[] der) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);

    /**
     * All blocks of a PEM text, in order.
     *
     * @throws IdentityException if there is none or one is not valid base64 (the text is never quoted)
     */
    static List<PemBlock> parseAll(String text, String source) throws IdentityException {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text.replace("\r\n", "\n"));
        while (m.find()) {
            blocks.add(parseBody(m.group(1), m.group(2), source));
        }
        if (blocks.isEmpty()) {
            throw new IdentityException(source + " is not a PEM file: no '-----BEGIN ...-----' / '-----END ...-----' block found");
        }
        return blocks;
    }

    private static PemBlock parseBody(String label, String body, String source) throws IdentityException {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder base64 = new StringBuilder();
        String[] lines = body.split("\n");
        boolean inHeaders = true;
        for (String raw : lines) {
            String line = raw.strip();
            if (inHeaders && line.contains(":")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                continue;
            }
            inHeaders = false;
            base64.append(line);
        }
        try {
            return new PemBlock(label, headers, Base64.getDecoder().decode(base64.toString()));
        } catch (IllegalArgumentException e) {
            throw new IdentityException(source + ": the '" + label + "' block is not valid base64");
        }
    }
}
