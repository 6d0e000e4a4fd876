package io.tenfold.fhir.terminology;

import static io.tenfold.fhir.terminology.JsonArrays.objects;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.tenfold.commons.error.InvalidRequestException;
import io.vertx.core.json.JsonObject;

/**
 * The codes of a stored CodeSystem that the {@code filter}s of a ValueSet's compose rule select (all of them must
 * hold). The hierarchy is the concepts' nesting and their {@code parent} properties. Supported: property
 * {@code concept} with {@code is-a}, {@code descendent-of}, {@code is-not-a}, {@code generalizes}, {@code =},
 * {@code in}, {@code not-in}; any other property of the concepts with {@code =}, {@code in}, {@code not-in},
 * {@code exists}. Anything else ({@code regex}, the properties of code systems only a terminology server knows) is
 * a 400 advising to store the expansion.
 */
final class CodeFilters {

    /** One concept: its code, the codes directly above it, and its properties' values as text. */
    private record Concept(String code, Set<String> parents, Map<String, List<String>> properties) {
    }

    private final String canonical;
    private final Map<String, Concept> concepts = new LinkedHashMap<>();
    private final Map<String, Set<String>> ancestry = new HashMap<>();

    private CodeFilters(String canonical, JsonObject codeSystem) {
        this.canonical = canonical;
        collect(codeSystem.getJsonArray("concept") == null ? List.of() : objects(codeSystem.getJsonArray("concept")),
                null);
    }

    /** The codes of {@code codeSystem} that every one of {@code filters} selects, for ValueSet {@code canonical}. */
    static List<String> select(String canonical, JsonObject codeSystem, List<JsonObject> filters) {
        CodeFilters system = new CodeFilters(canonical, codeSystem);
        Predicate<Concept> all = concept -> true;
        for (JsonObject filter : filters) {
            all = all.and(system.predicate(filter));
        }
        return system.concepts.values().stream().filter(all).map(Concept::code).toList();
    }

    private void collect(List<JsonObject> level, String parent) {
        for (JsonObject json : level) {
            String code = json.getString("code");
            if (code == null) {
                continue;
            }
            Concept concept = concepts.computeIfAbsent(code, c -> new Concept(c, new HashSet<>(),
                    new LinkedHashMap<>()));
            if (parent != null) {
                concept.parents().add(parent);
            }
            for (JsonObject property : objects(json.getJsonArray("property"))) {
                String value = valueOf(property);
                if (property.getString("code") != null && value != null) {
                    concept.properties().computeIfAbsent(property.getString("code"), p -> new ArrayList<>()).add(value);
                    if (property.getString("code").equals("parent")) {
                        concept.parents().add(value);
                    }
                }
            }
            if (json.getJsonArray("concept") != null) {
                collect(objects(json.getJsonArray("concept")), code);
            }
        }
    }

    private Predicate<Concept> predicate(JsonObject filter) {
        String property = filter.getString("property");
        String op = filter.getString("op");
        String value = filter.getString("value");
        if (property == null || op == null || value == null) {
            throw unsupported("a filter without property, op and value");
        }
        if (property.equals("concept")) {
            return switch (op) {
                case "is-a" -> c -> c.code().equals(value) || ancestors(c.code()).contains(value);
                case "descendent-of" -> c -> ancestors(c.code()).contains(value);
                case "is-not-a" -> c -> !c.code().equals(value) && !ancestors(c.code()).contains(value);
                case "generalizes" -> c -> c.code().equals(value) || ancestors(value).contains(c.code());
                case "=" -> c -> c.code().equals(value);
                case "in" -> c -> List.of(value.split(",")).contains(c.code());
                case "not-in" -> c -> !List.of(value.split(",")).contains(c.code());
                default -> throw unsupported("the filter 'concept " + op + "'");
            };
        }
        return switch (op) {
            case "=" -> c -> c.properties().getOrDefault(property, List.of()).contains(value);
            case "in" -> c -> c.properties().getOrDefault(property, List.of()).stream()
                    .anyMatch(List.of(value.split(","))::contains);
            case "not-in" -> c -> c.properties().getOrDefault(property, List.of()).stream()
                    .noneMatch(List.of(value.split(","))::contains);
            case "exists" -> switch (value) {
                case "true" -> c -> c.properties().containsKey(property);
                case "false" -> c -> !c.properties().containsKey(property);
                default -> throw unsupported("'" + property + " exists " + value + "' (true or false)");
            };
            default -> throw unsupported("the filter '" + property + " " + op + "'");
        };
    }

    /** Every code above {@code code}, through nesting and {@code parent} properties (cycles tolerated). */
    private Set<String> ancestors(String code) {
        return ancestry.computeIfAbsent(code, this::walkUp);
    }

    private Set<String> walkUp(String code) {
        Set<String> found = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        Concept start = concepts.get(code);
        if (start != null) {
            next.addAll(start.parents());
        }
        while (!next.isEmpty()) {
            String parent = next.pop();
            Concept concept = concepts.get(parent);
            if (found.add(parent) && concept != null) {
                next.addAll(concept.parents());
            }
        }
        return found;
    }

    private static String valueOf(JsonObject property) {
        for (String field : List.of("valueCode", "valueString", "valueBoolean", "valueInteger", "valueDecimal",
                "valueDateTime")) {
            Object value = property.getValue(field);
            if (value != null) {
                return value.toString();
            }
        }
        JsonObject coding = property.getJsonObject("valueCoding");
        return coding == null ? null : coding.getString("code");
    }

    private InvalidRequestException unsupported(String what) {
        return new InvalidRequestException("value-set-not-expandable", "ValueSet '" + canonical + "' selects codes by "
                + what + ", which needs a terminology server; store the ValueSet with its expansion");
    }
}
