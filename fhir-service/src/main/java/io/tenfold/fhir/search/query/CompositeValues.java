package io.tenfold.fhir.search.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code $} of composite values ({@code http://loinc.org|8480-6$lt60}): parts split at each {@code $} not escaped
 * as {@code \$}. {@link SearchQuery} leaves {@code \$} escaped for this; any other parameter's value is
 * {@linkplain #unescape unescaped}.
 */
final class CompositeValues {

    private CompositeValues() {
    }

    static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                current.append('$');
                i++;
            } else if (c == '$') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    static String unescape(String value) {
        return value.indexOf('\\') < 0 ? value : value.replace("\\$", "$");
    }
}
