package io.tenfold.fhir.search.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.fhir.bundle.PagingParams;

/**
 * A search request taken apart: the criteria ({@code name[:modifier]=value[,value]}, each repetition ANDed, the
 * values of one ORed) and the result parameters ({@code _count}, {@code _sort}, {@code _include},
 * {@code _revinclude}, {@code _total}, {@code _summary}, {@code _elements}, {@code _page}).
 */
public record SearchQuery(List<Criterion> criteria, int count, List<SortKey> sort, List<Include> includes,
        List<Include> revIncludes, String total, String summary, List<String> elements, String page) {

    /** One criterion: the parameter as written (with chain, e.g. {@code subject:Patient.name}), and values. */
    public record Criterion(String name, String modifier, List<String> values) {

        /** {@code name:modifier} as the client wrote it. */
        public String written() {
            return modifier == null ? name : name + ":" + modifier;
        }
    }

    public record SortKey(String param, boolean descending) {
    }

    /** {@code _include=Type:param[:target]} or {@code _revinclude=...}, with {@code :iterate}. */
    public record Include(String sourceType, String param, String targetType, boolean iterate) {
    }

    private static final List<String> IGNORED = List.of("_format", "_pretty", "_page");

    /** Reads the parameters of a search; parameter values are already URL-decoded. */
    public static SearchQuery parse(List<Map.Entry<String, String>> parameters) {
        List<Criterion> criteria = new ArrayList<>();
        int count = PagingParams.DEFAULT_COUNT;
        List<SortKey> sort = new ArrayList<>();
        List<Include> includes = new ArrayList<>();
        List<Include> revIncludes = new ArrayList<>();
        String total = null;
        String summary = null;
        List<String> elements = new ArrayList<>();
        String page = null;
        for (Map.Entry<String, String> parameter : parameters) {
            String key = parameter.getKey();
            String value = parameter.getValue() == null ? "" : parameter.getValue();
            if (key.indexOf('\u0000') >= 0 || value.indexOf('\u0000') >= 0) {
                throw new InvalidRequestException("search-value-invalid", "Search parameter '"
                        + key.replace('\u0000', '?') + "' contains the character U+0000, which no stored value can "
                        + "contain");
            }
            switch (key) {
                case "_count" -> count = PagingParams.count(value);
                case "_sort" -> {
                    for (String s : value.split(",")) {
                        if (!s.isBlank()) {
                            sort.add(s.startsWith("-") ? new SortKey(s.substring(1), true) : new SortKey(s, false));
                        }
                    }
                }
                case "_include", "_include:iterate", "_include:recurse" -> includes.add(include(key, value));
                case "_revinclude", "_revinclude:iterate", "_revinclude:recurse" -> revIncludes.add(include(key, value));
                case "_total" -> total = value;
                case "_summary" -> summary = value;
                case "_elements" -> {
                    for (String e : value.split(",")) {
                        if (!e.isBlank()) {
                            elements.add(e.trim());
                        }
                    }
                }
                case "_page" -> page = value;
                default -> {
                    if (!IGNORED.contains(key) && !key.isEmpty()) {
                        criteria.add(criterion(key, value));
                    }
                }
            }
        }
        return new SearchQuery(criteria, count, sort, includes, revIncludes, total, summary, elements, page);
    }

    private static Criterion criterion(String key, String value) {
        // a chain's modifier belongs to its first link: subject:Patient.name -> name "subject:Patient.name"
        String name = key;
        String modifier = null;
        int dot = key.indexOf('.');
        int colon = key.indexOf(':');
        if (colon > 0 && (dot < 0 || colon > dot) && !key.startsWith("_has:")) {
            name = key.substring(0, colon);
            modifier = key.substring(colon + 1);
        }
        return new Criterion(name, modifier, splitValues(value));
    }

    /**
     * Splits a value list at commas that are not escaped with a backslash, and unescapes, except {@code \$}: a
     * composite parameter splits at {@code $} ({@link CompositeValues}).
     */
    static List<String> splitValues(String value) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                current.append(c).append(value.charAt(++i));
            } else if (c == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (c == ',') {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        return values;
    }

    private static Include include(String key, String value) {
        boolean iterate = key.endsWith(":iterate") || key.endsWith(":recurse");
        String[] parts = value.split(":");
        if (value.equals("*")) {
            return new Include("*", "*", null, iterate);
        }
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidRequestException("include-invalid", key + " must be Type:parameter[:targetType], not '"
                    + value + "'", key);
        }
        return new Include(parts[0], parts[1], parts.length == 3 ? parts[2] : null, iterate);
    }
}
