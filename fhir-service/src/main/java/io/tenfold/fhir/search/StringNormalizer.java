package io.tenfold.fhir.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * FHIR string search normalisation: lower case, accents and other combining marks removed,
 * whitespace runs collapsed to one space and trimmed. The same function runs on values at write
 * time ({@code StringRow.normalized}) and on search values at query time, so "Renée" and "RENEE"
 * both become "renee".
 */
public final class StringNormalizer {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private StringNormalizer() {
    }

    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String s = value;
        if (!isPlainAscii(s)) {
            s = COMBINING_MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        }
        s = s.toLowerCase(Locale.ROOT);
        return collapseWhitespace(s);
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String collapseWhitespace(String s) {
        boolean clean = true;
        for (int i = 0; i < s.length() && clean; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) && (c != ' ' || i == 0 || i == s.length() - 1
                    || Character.isWhitespace(s.charAt(i + 1)))) {
                clean = false;
            }
        }
        return clean ? s : WHITESPACE.matcher(s).replaceAll(" ").trim();
    }
}
