package io.tenfold.tenant.registry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.tenfold.commons.error.UnprocessableEntityException;

/**
 * One element of a request body with its FHIRPath-like path ({@code User.name.givenName}, {@code
 * Client.grant_types[1]}), which every refusal names in {@code issue.expression}. Absent and {@code null} elements
 * read as absent; a wrong JSON type is a 422 with the code {@code <element>-invalid}.
 */
public final class Element {

    private final JsonNode node;
    private final String path;

    private Element(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The body of a registry resource: an object whose {@code resourceType}, if present, is the expected one. */
    public static Element root(JsonNode body, String resourceType) {
        if (body == null || !body.isObject()) {
            throw new UnprocessableEntityException("resource-not-object", "The body must be a " + resourceType
                    + " object", resourceType);
        }
        Element root = new Element(body, resourceType);
        String type = root.get("resourceType").text(64);
        if (type != null && !type.equals(resourceType)) {
            throw root.get("resourceType").invalid("resource-type-mismatch",
                    "resourceType must be \"" + resourceType + "\"");
        }
        return root;
    }

    /** The body of an operation (not a resource): an object whose members are named without a prefix. */
    public static Element parameters(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new UnprocessableEntityException("resource-not-object", "The body must be an object");
        }
        return new Element(body, "");
    }

    public Element get(String name) {
        return new Element(node == null ? null : node.get(name), path.isEmpty() ? name : path + "." + name);
    }

    public String path() {
        return path;
    }

    public JsonNode node() {
        return node;
    }

    public boolean isPresent() {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** Present with the value {@code null}: for secrets, "remove it" (absent means "keep it"). */
    public boolean isExplicitNull() {
        return node != null && node.isNull();
    }

    /** A string of at most {@code max} characters without control characters, or null when absent. */
    public String text(int max) {
        if (!isPresent()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(name() + "-invalid", path + " must be a string");
        }
        String value = node.asText();
        if (value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(name() + "-invalid", path + " must be at most " + max
                    + " characters without control characters");
        }
        return value;
    }

    /** A non-blank string, else {@code <element>-missing}. */
    public String requiredText(int max) {
        String value = text(max);
        if (value == null || value.isBlank()) {
            throw invalid(name() + "-missing", path + " is required");
        }
        return value;
    }

    public boolean bool(boolean fallback) {
        if (!isPresent()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw invalid(name() + "-invalid", path + " must be true or false");
        }
        return node.asBoolean();
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    public long integer(long fallback, long min, long max) {
        if (!isPresent()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw invalid(name() + "-invalid", path + " must be a whole number from " + min + " to " + max);
        }
        return node.asLong();
    }

    /** This element, checked to be an object when present. */
    public Element object() {
        if (isPresent() && !node.isObject()) {
            throw invalid(name() + "-invalid", path + " must be an object");
        }
        return this;
    }

    /** The items of an array (none when absent), each with its own path. */
    public List<Element> items() {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(name() + "-invalid", path + " must be a list");
        }
        List<Element> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new Element(node.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    /** Refuses any member of this object not named in {@code known}: unknown elements are not silently dropped. */
    public Element allowOnly(Set<String> known) {
        if (isPresent() && node.isObject()) {
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext();) {
                String field = fields.next();
                if (!known.contains(field)) {
                    throw get(field).invalid("element-unknown", "Unknown element " + get(field).path());
                }
            }
        }
        return this;
    }

    /** A 422 about this element. */
    public UnprocessableEntityException invalid(String code, String message) {
        return new UnprocessableEntityException(code, message, path);
    }

    /** The element's own name, without its parents or index: {@code redirect_uri} for {@code ...redirect_uri[2]}. */
    private String name() {
        String last = path.substring(path.lastIndexOf('.') + 1);
        int bracket = last.indexOf('[');
        return bracket < 0 ? last : last.substring(0, bracket);
    }
}
