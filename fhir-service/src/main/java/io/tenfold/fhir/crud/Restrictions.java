package io.tenfold.fhir.crud;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import io.tenfold.fhir.search.index.IndexRows;
import io.tenfold.fhir.search.index.ReferenceRow;
import io.tenfold.fhir.search.index.StringRow;
import io.tenfold.fhir.search.index.TokenRow;

/**
 * Whether a resource satisfies a SMART v2 scope restriction such as {@code category=laboratory} (the query part of
 * {@code patient/Observation.rs?category=laboratory}), judged on its search index. A restriction holds when every
 * one of its parameters matches; a grant with several restrictions needs one of them to hold. Only token, string
 * and reference parameters can restrict; anything else never matches, so an unusual restriction denies.
 */
public final class Restrictions {

    private Restrictions() {
    }

    /** Whether one of {@code restrictions} holds for the rows; {@code rowsOf} names the rows of a parameter. */
    public static boolean anyHolds(List<String> restrictions, IndexRows index,
            Function<String, List<String>> rowsOf) {
        for (String restriction : restrictions) {
            if (holds(restriction, index, rowsOf)) {
                return true;
            }
        }
        return false;
    }

    static boolean holds(String restriction, IndexRows index, Function<String, List<String>> rowsOf) {
        for (String pair : restriction.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return false;
            }
            String param = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            if (!matchesAny(rowsOf.apply(param), value.split(","), index)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(List<String> params, String[] values, IndexRows index) {
        for (String value : values) {
            if (matches(params, value, index)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> params, String value, IndexRows index) {
        int bar = value.indexOf('|');
        for (TokenRow token : index.tokens()) {
            if (!params.contains(token.param())) {
                continue;
            }
            if (bar < 0 ? value.equals(token.code())
                    : value.substring(bar + 1).equals(token.code())
                            && (bar == 0 ? token.system() == null : value.substring(0, bar).equals(token.system()))) {
                return true;
            }
        }
        for (StringRow string : index.strings()) {
            if (params.contains(string.param()) && string.exact().equals(value)) {
                return true;
            }
        }
        for (ReferenceRow reference : index.references()) {
            if (params.contains(reference.param()) && reference.targetId() != null
                    && (reference.targetType() + "/" + reference.targetId()).equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
