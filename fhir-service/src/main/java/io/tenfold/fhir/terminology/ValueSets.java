package io.tenfold.fhir.terminology;

import static io.tenfold.fhir.terminology.JsonArrays.objects;
import static io.tenfold.fhir.terminology.JsonArrays.strings;

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
 * Expands the tenant's own ValueSets for {@code :in} and {@code :not-in}: a ValueSet is found by its canonical
 * {@code url} (or {@code url|version}) among the tenant's current ValueSets, newest first. Its {@code expansion}
 * when it has one (nested {@code contains} included); otherwise its {@code compose}: listed concepts, whole code
 * systems, imported ValueSets of the tenant (to a depth of {@value #MAX_DEPTH}), codes selected by filters from a
 * CodeSystem stored in the tenant ({@link CodeFilters}), minus the excludes. Other filters, and filters on code
 * systems not stored in the tenant, need a terminology server, which Tenfold is not: 400, with the advice to store
 * the expansion. Unknown value sets are a 400 too, never an empty match.
 */
@ApplicationScoped
public class ValueSets {

    private static final int MAX_DEPTH = 4;

    /** The code sets of {@code canonicals}, read in {@code tx} (scoped to {@code tenant}). */
    public Uni<Map<String, CodeSet>> expand(PgTx tx, String tenant, Collection<String> canonicals) {
        if (canonicals.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return load(tx, tenant, new LinkedHashSet<>(canonicals), new HashMap<>(), 0).chain(found ->
                filteredSystems(tx, tenant, found).map(systems -> {
                    Expansion expansion = new Expansion(found, systems);
                    Map<String, CodeSet> sets = new HashMap<>();
                    for (String canonical : canonicals) {
                        sets.put(canonical, expansion.codeSet(canonical, 0));
                    }
                    return sets;
                }));
    }

    /** The newest stored CodeSystem of each system that a rule of the ValueSets {@code found} filters. */
    private static Uni<Map<String, JsonObject>> filteredSystems(PgTx tx, String tenant,
            Map<String, List<JsonObject>> found) {
        Set<String> systems = new LinkedHashSet<>();
        for (List<JsonObject> versions : found.values()) {
            for (JsonObject valueSet : versions) {
                if (valueSet.getJsonObject("expansion") != null) {
                    continue;
                }
                for (String part : List.of("include", "exclude")) {
                    for (JsonObject rule : objects(compose(valueSet).getJsonArray(part))) {
                        if (!objects(rule.getJsonArray("filter")).isEmpty() && rule.getString("system") != null) {
                            systems.add(rule.getString("system"));
                        }
                    }
                }
            }
        }
        if (systems.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return CanonicalResources.find(tx, tenant, "CodeSystem", systems).map(codeSystems -> {
            Map<String, JsonObject> newest = new HashMap<>();
            codeSystems.forEach(codeSystem -> newest.putIfAbsent(codeSystem.getString("url"), codeSystem));
            return newest;
        });
    }

    /** Reads the ValueSets of {@code wanted} and, round by round, those they import. */
    private Uni<Map<String, List<JsonObject>>> load(PgTx tx, String tenant, Set<String> wanted,
            Map<String, List<JsonObject>> found, int depth) {
        Set<String> urls = new LinkedHashSet<>();
        wanted.forEach(canonical -> urls.add(urlOf(canonical)));
        urls.removeAll(found.keySet());
        if (urls.isEmpty() || depth > MAX_DEPTH) {
            return Uni.createFrom().item(found);
        }
        return CanonicalResources.find(tx, tenant, "ValueSet", urls).chain(valueSets -> {
            urls.forEach(url -> found.put(url, new ArrayList<>()));
            for (JsonObject valueSet : valueSets) {
                found.computeIfAbsent(valueSet.getString("url"), u -> new ArrayList<>()).add(valueSet);
            }
            Set<String> imports = new LinkedHashSet<>();
            for (String url : urls) {
                for (JsonObject valueSet : found.get(url)) {
                    if (valueSet.getJsonObject("expansion") == null) {
                        for (String part : List.of("include", "exclude")) {
                            for (JsonObject rule : objects(compose(valueSet).getJsonArray(part))) {
                                strings(rule.getJsonArray("valueSet")).forEach(imports::add);
                            }
                        }
                    }
                }
            }
            return load(tx, tenant, imports, found, depth + 1);
        });
    }

    /** The ValueSets and filtered CodeSystems one expansion reads from. */
    private record Expansion(Map<String, List<JsonObject>> found, Map<String, JsonObject> codeSystems) {

        CodeSet codeSet(String canonical, int depth) {
            if (depth > MAX_DEPTH) {
                throw new InvalidRequestException("value-set-not-expandable", "ValueSet '" + canonical
                        + "' is imported more than " + MAX_DEPTH + " levels deep");
            }
            JsonObject valueSet = pick(canonical, found);
            if (valueSet == null) {
                throw new InvalidRequestException("value-set-unknown", "No ValueSet '" + canonical
                        + "' is stored in this tenant (:in and :not-in use the tenant's own ValueSets)");
            }
            Builder codes = new Builder();
            JsonObject expansion = valueSet.getJsonObject("expansion");
            if (expansion != null) {
                addContains(expansion.getJsonArray("contains"), codes);
                return codes.build();
            }
            JsonObject compose = compose(valueSet);
            for (JsonObject include : objects(compose.getJsonArray("include"))) {
                rule(canonical, include, depth, codes, false);
            }
            for (JsonObject exclude : objects(compose.getJsonArray("exclude"))) {
                rule(canonical, exclude, depth, codes, true);
            }
            return codes.build();
        }

        private void rule(String canonical, JsonObject rule, int depth, Builder codes, boolean exclude) {
            String system = rule.getString("system");
            List<JsonObject> filters = objects(rule.getJsonArray("filter"));
            if (!filters.isEmpty()) {
                JsonObject codeSystem = system == null ? null : codeSystems.get(system);
                if (codeSystem == null || rule.getJsonArray("valueSet") != null) {
                    throw new InvalidRequestException("value-set-not-expandable", "ValueSet '" + canonical
                            + "' selects codes by filter from " + (system == null ? "no system" : "'" + system
                            + "', which is not a CodeSystem stored in this tenant")
                            + "; store the CodeSystem, or the ValueSet with its expansion");
                }
                codes.add(CodeFilters.select(canonical, codeSystem, filters).stream()
                        .map(code -> new CodeSet.Code(system, code)).toList(), Set.of(), exclude);
                return;
            }
            List<String> imports = strings(rule.getJsonArray("valueSet"));
            if (!imports.isEmpty()) {
                if (system != null || imports.size() > 1) {
                    throw new InvalidRequestException("value-set-not-expandable", "ValueSet '" + canonical
                            + "' intersects value sets or systems, which needs a terminology server; store the "
                            + "ValueSet with its expansion");
                }
                CodeSet imported = codeSet(imports.get(0), depth + 1);
                if (!imported.excludedCodes().isEmpty() || !imported.excludedSystems().isEmpty()) {
                    throw new InvalidRequestException("value-set-not-expandable", "ValueSet '" + canonical
                            + "' imports a value set with exclusions; store the ValueSet with its expansion");
                }
                codes.add(imported.codes(), imported.systems(), exclude);
                return;
            }
            if (system == null) {
                return;
            }
            List<JsonObject> concepts = objects(rule.getJsonArray("concept"));
            if (concepts.isEmpty()) {
                codes.add(List.of(), Set.of(system), exclude);
                return;
            }
            List<CodeSet.Code> listed = new ArrayList<>();
            for (JsonObject concept : concepts) {
                if (concept.getString("code") != null) {
                    listed.add(new CodeSet.Code(system, concept.getString("code")));
                }
            }
            codes.add(listed, Set.of(), exclude);
        }
    }

    private static void addContains(JsonArray contains, Builder codes) {
        for (JsonObject entry : objects(contains)) {
            if (entry.getString("system") != null && entry.getString("code") != null) {
                codes.add(List.of(new CodeSet.Code(entry.getString("system"), entry.getString("code"))), Set.of(),
                        false);
            }
            addContains(entry.getJsonArray("contains"), codes);
        }
    }

    /** The ValueSet a canonical names: its version if it gives one, else the newest. */
    private static JsonObject pick(String canonical, Map<String, List<JsonObject>> found) {
        List<JsonObject> candidates = found.getOrDefault(urlOf(canonical), List.of());
        int bar = canonical.indexOf('|');
        if (bar < 0) {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
        String version = canonical.substring(bar + 1);
        return candidates.stream().filter(v -> version.equals(v.getString("version"))).findFirst().orElse(null);
    }

    private static String urlOf(String canonical) {
        int bar = canonical.indexOf('|');
        return bar < 0 ? canonical : canonical.substring(0, bar);
    }

    private static JsonObject compose(JsonObject valueSet) {
        JsonObject compose = valueSet.getJsonObject("compose");
        return compose == null ? new JsonObject() : compose;
    }

    private static final class Builder {
        private final Set<CodeSet.Code> codes = new LinkedHashSet<>();
        private final Set<String> systems = new LinkedHashSet<>();
        private final Set<CodeSet.Code> excludedCodes = new LinkedHashSet<>();
        private final Set<String> excludedSystems = new LinkedHashSet<>();

        void add(Collection<CodeSet.Code> listed, Collection<String> whole, boolean exclude) {
            (exclude ? excludedCodes : codes).addAll(listed);
            (exclude ? excludedSystems : systems).addAll(whole);
        }

        CodeSet build() {
            return new CodeSet(new ArrayList<>(codes), systems, new ArrayList<>(excludedCodes), excludedSystems);
        }
    }
}
