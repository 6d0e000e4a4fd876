package io.tenfold.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compares two JSON documents as trees: key order does not matter, array order does, and a decimal keeps its
 * precision ({@code 1.0} and {@code 1.00} differ, {@code 1e-5} and {@code 0.00001} do not), as FHIR's decimal asks.
 * Yields each difference as a path with both values, for a report a person can act on.
 */
final class JsonDiff {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private JsonDiff() {
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** A resource without what the server assigns: {@code id}, {@code meta.versionId}, {@code meta.lastUpdated}. */
    static JsonNode withoutServerFields(JsonNode resource) {
        ObjectNode copy = resource.deepCopy();
        copy.remove("id");
        if (copy.get("meta") instanceof ObjectNode meta) {
            meta.remove("versionId");
            meta.remove("lastUpdated");
            if (meta.isEmpty()) {
                copy.remove("meta");
            }
        }
        return copy;
    }

    /** The differences, each {@code path: expected → actual}; empty when equal. */
    static List<String> diff(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        diff("", expected, actual, out);
        return out;
    }

    private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected == null || actual == null) {
            out.add(path + ": " + shorten(expected) + " → " + shorten(actual));
        } else if (expected.isObject() && actual.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                diff(path + "/" + key, expected.get(key), actual.get(key), out);
            }
        } else if (expected.isArray() && actual.isArray()) {
            int n = Math.max(expected.size(), actual.size());
            for (int i = 0; i < n; i++) {
                diff(path + "/" + i, expected.get(i), actual.get(i), out);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (!expected.decimalValue().equals(actual.decimalValue())) {
                out.add(path + ": " + expected + " → " + actual);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": " + shorten(expected) + " → " + shorten(actual));
        }
    }

    private static String shorten(JsonNode node) {
        if (node == null) {
            return "(absent)";
        }
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
