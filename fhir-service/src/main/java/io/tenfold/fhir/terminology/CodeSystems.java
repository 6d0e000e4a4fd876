package io.tenfold.fhir.terminology;

import static io.tenfold.fhir.terminology.JsonArrays.objects;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.fhir.storage.PgTx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Subsumption for {@code code:below=system|code} and {@code code:above=system|code} over the tenant's own
 * CodeSystems: the CodeSystem whose {@code url} is the system (the newest, if several), its hierarchy as nested
 * {@code concept}s. {@code :below} is the code and its descendants, {@code :above} the code and its ancestors. An
 * unknown CodeSystem or a code it does not define is a 400, never an empty match.
 */
@ApplicationScoped
public class CodeSystems {

    /** The key under which {@link #subsume} answers {@code modifier} ({@code below}, {@code above}) of a value. */
    public static String key(String modifier, String value) {
        return modifier + ":" + value;
    }

    /** The code sets of {@code requests} (modifier, {@code system|code}), read in {@code tx}, by {@link #key}. */
    public Uni<Map<String, CodeSet>> subsume(PgTx tx, String tenant, Collection<Map.Entry<String, String>> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Set<String> systems = new LinkedHashSet<>();
        for (Map.Entry<String, String> request : requests) {
            systems.add(split(request.getKey(), request.getValue())[0]);
        }
        return CanonicalResources.find(tx, tenant, "CodeSystem", systems).map(codeSystems -> {
            Map<String, JsonObject> newest = new HashMap<>();
            for (JsonObject codeSystem : codeSystems) {
                newest.putIfAbsent(codeSystem.getString("url"), codeSystem);
            }
            Map<String, CodeSet> sets = new HashMap<>();
            for (Map.Entry<String, String> request : requests) {
                String[] systemCode = split(request.getKey(), request.getValue());
                JsonObject codeSystem = newest.get(systemCode[0]);
                if (codeSystem == null) {
                    throw new InvalidRequestException("code-system-unknown", "No CodeSystem '" + systemCode[0]
                            + "' is stored in this tenant (:below and :above use the tenant's own CodeSystems)");
                }
                List<String> codes = "below".equals(request.getKey())
                        ? below(codeSystem.getJsonArray("concept"), systemCode[1])
                        : above(codeSystem.getJsonArray("concept"), systemCode[1], new ArrayList<>());
                if (codes == null) {
                    throw new InvalidRequestException("code-unknown", "CodeSystem '" + systemCode[0]
                            + "' has no code '" + systemCode[1] + "'");
                }
                sets.put(key(request.getKey(), request.getValue()), new CodeSet(codes.stream()
                        .map(code -> new CodeSet.Code(systemCode[0], code)).toList(), Set.of(), List.of(), Set.of()));
            }
            return sets;
        });
    }

    private static String[] split(String modifier, String value) {
        int bar = value.indexOf('|');
        if (bar <= 0 || bar == value.length() - 1) {
            throw new InvalidRequestException("search-value-invalid", ":" + modifier + " on a token takes "
                    + "system|code, not '" + value + "'");
        }
        return new String[] {value.substring(0, bar), value.substring(bar + 1)};
    }

    /** The code and every concept under it, or null if no concept has the code. */
    private static List<String> below(JsonArray concepts, String code) {
        for (JsonObject concept : objects(concepts)) {
            if (code.equals(concept.getString("code"))) {
                List<String> codes = new ArrayList<>();
                collect(concept, codes);
                return codes;
            }
            List<String> found = below(concept.getJsonArray("concept"), code);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void collect(JsonObject concept, List<String> codes) {
        if (concept.getString("code") != null) {
            codes.add(concept.getString("code"));
        }
        objects(concept.getJsonArray("concept")).forEach(child -> collect(child, codes));
    }

    /** The code and the concepts above it, or null if no concept has the code. */
    private static List<String> above(JsonArray concepts, String code, List<String> ancestors) {
        for (JsonObject concept : objects(concepts)) {
            List<String> path = new ArrayList<>(ancestors);
            path.add(concept.getString("code"));
            if (code.equals(concept.getString("code"))) {
                return path;
            }
            List<String> found = above(concept.getJsonArray("concept"), code, path);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
