package io.tenfold.fhir.search.query;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import io.tenfold.commons.error.InvalidRequestException;

/**
 * {@code _elements} and {@code _summary}: the resource's JSON with only the asked-for top-level elements (plus
 * {@code resourceType}, {@code id}, {@code meta} and, for {@code _summary}, what the specification marks as summary
 * or mandatory), marked {@code SUBSETTED} in {@code meta.tag}.
 */
final class ElementFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ALWAYS = Set.of("resourceType", "id", "meta");

    private final FhirContext fhir;
    private final Map<String, Set<String>> summaries = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> mandatory = new ConcurrentHashMap<>();

    ElementFilter(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** The summary mode, or null for the full resource; {@code count} is handled by the caller. */
    static String checkSummary(String summary) {
        if (summary == null || summary.equals("false")) {
            return null;
        }
        if (!List.of("true", "text", "data", "count").contains(summary)) {
            throw new InvalidRequestException("summary-invalid", "_summary is one of true, text, data, count, false",
                    "_summary");
        }
        return summary;
    }

    String apply(String type, String json, String summary, List<String> elements) {
        if (summary == null && elements.isEmpty()) {
            return json;
        }
        ObjectNode resource;
        try {
            resource = (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Set<String> keep = new HashSet<>(ALWAYS);
        if (summary != null) {
            switch (summary) {
                case "true" -> keep.addAll(summaries.computeIfAbsent(type, t -> names(t, true)));
                case "text" -> {
                    keep.add("text");
                    keep.addAll(mandatory.computeIfAbsent(type, t -> names(t, false)));
                }
                case "data" -> {
                    keep.addAll(iterable(resource.fieldNames()));
                    keep.remove("text");
                }
                default -> keep.addAll(iterable(resource.fieldNames()));
            }
        } else {
            keep.addAll(mandatory.computeIfAbsent(type, t -> names(t, false)));
            for (String element : elements) {
                keep.add(element);
                for (String field : iterable(resource.fieldNames())) {
                    if (field.startsWith(element) && field.length() > element.length()
                            && Character.isUpperCase(field.charAt(element.length()))) {
                        keep.add(field); // value[x] asked for as "value"
                    }
                }
            }
        }
        resource.retain(keep);
        ObjectNode meta = resource.has("meta") ? (ObjectNode) resource.get("meta") : resource.putObject("meta");
        ArrayNode tags = meta.has("tag") ? (ArrayNode) meta.get("tag") : meta.putArray("tag");
        tags.addObject().put("system", "http://terminology.hl7.org/CodeSystem/v3-ObservationValue")
                .put("code", "SUBSETTED").put("display", "Resource encoded in summary mode");
        return resource.toString();
    }

    private Set<String> names(String type, boolean summary) {
        Set<String> names = new HashSet<>();
        RuntimeResourceDefinition def = fhir.getResourceDefinition(type);
        for (BaseRuntimeChildDefinition child : def.getChildren()) {
            if (summary ? child.isSummary() : child.getMin() > 0) {
                for (String name : child.getValidChildNames()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static Set<String> iterable(Iterator<String> names) {
        Set<String> set = new HashSet<>();
        names.forEachRemaining(set::add);
        return set;
    }

}
