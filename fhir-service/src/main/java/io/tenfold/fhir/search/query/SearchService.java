package io.tenfold.fhir.search.query;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.ForbiddenOperationException;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.fhir.access.AccessGuard;
import io.tenfold.fhir.access.Grant;
import io.tenfold.fhir.access.Interaction;
import io.tenfold.fhir.bundle.BundleJson;
import io.tenfold.fhir.bundle.PageCursor;
import io.tenfold.fhir.crud.ResourceService;
import io.tenfold.fhir.parse.ResourceParser;
import io.tenfold.fhir.search.SearchParamRegistry;
import io.tenfold.fhir.search.SearchParamType;
import io.tenfold.fhir.search.index.LocalReferences;
import io.tenfold.fhir.storage.PgTx;
import io.tenfold.fhir.storage.ResourceStore;
import io.tenfold.fhir.storage.StoredResource;
import io.tenfold.fhir.terminology.CodeSet;
import io.tenfold.fhir.terminology.CodeSystems;
import io.tenfold.fhir.terminology.ValueSets;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The search interaction: criteria to SQL over the index tables ({@link Criteria}), confined to what the caller's
 * grant reaches, keyset-paged in creation order (or that of {@code _sort}), with {@code _include} and
 * {@code _revinclude} (and {@code :iterate}), {@code _total}, {@code _summary} and {@code _elements}. The page and
 * its count go to PostgreSQL together, the includes in one more round trip.
 */
@ApplicationScoped
public class SearchService {

    static final String COLUMNS = "r.res_type, r.id, r.version, r.last_updated, r.deleted, r.body::text AS body, "
            + "r.compartments";
    private static final int MAX_INCLUDE_DEPTH = 3;

    private final AccessGuard guard;
    private final SearchParamRegistry registry;
    private final ResourceStore store;
    private final ResourceService resources;
    private final ElementFilter elements;
    private final ValueSets valueSets;
    private final CodeSystems codeSystems;
    private final String publicBaseUrl;

    public SearchService(AccessGuard guard, SearchParamRegistry registry, ResourceStore store,
            ResourceService resources, ResourceParser parser, ValueSets valueSets, CodeSystems codeSystems,
            PlatformConfig platform) {
        this.guard = guard;
        this.registry = registry;
        this.store = store;
        this.resources = resources;
        this.elements = new ElementFilter(parser.context());
        this.valueSets = valueSets;
        this.codeSystems = codeSystems;
        this.publicBaseUrl = platform.publicBaseUrl();
    }

    /** Runs a search in a transaction of its own and answers its searchset Bundle. */
    public Uni<String> search(SmartAccess access, String base, String type, List<Map.Entry<String, String>> params,
            boolean lenient) {
        return search(new Runner(null, access.tenant().value()), access, base, type, params, lenient);
    }

    /**
     * Runs a search in {@code tx} (a transaction Bundle's search entry, which sees the transaction's writes) and
     * answers its searchset Bundle.
     */
    public Uni<String> search(PgTx tx, SmartAccess access, String base, String type,
            List<Map.Entry<String, String>> params, boolean lenient) {
        return search(new Runner(tx, access.tenant().value()), access, base, type, params, lenient);
    }

    private Uni<String> search(Runner runner, SmartAccess access, String base, String type,
            List<Map.Entry<String, String>> params, boolean lenient) {
        SearchQuery query = SearchQuery.parse(params);
        String summary = ElementFilter.checkSummary(query.summary());
        return guard.require(access, Interaction.SEARCH, type).chain(grant -> guard.typeGrants(access)
                .chain(types -> terminology(runner, access, type, query.criteria()).chain(codeSets -> {
            Plan plan = plan(types, access, grant, type, query.criteria(), lenient, codeSets);
            boolean countOnly = "count".equals(summary);
            boolean withTotal = countOnly || "accurate".equals(query.total()) || "estimate".equals(query.total());
            Tuple whereOnly = plan.sql.copy().tuple();
            Sorting sorting = query.sort().isEmpty() ? null
                    : Sorting.of(registry, plan.sql, "$1", type, query.sort());
            PageCursor cursor = PageCursor.decode(query.page(), sorting == null ? 2 : sorting.cursorSize());
            if (cursor != null && !cursor.values().get(0).equals(sorting == null ? "s" : "k")) {
                throw PageCursor.invalid();
            }
            List<String> statements = new ArrayList<>();
            List<Tuple> tuples = new ArrayList<>();
            if (withTotal) {
                statements.add("SELECT count(*) AS total FROM fhir.resources r WHERE " + plan.where);
                tuples.add(whereOnly);
            }
            if (!countOnly && query.count() > 0) {
                SqlParams sql = plan.sql;
                StringBuilder select = new StringBuilder("SELECT ").append(COLUMNS).append(", r.seq");
                if (sorting == null) {
                    select.append(" FROM fhir.resources r WHERE ").append(plan.where);
                    if (cursor != null) {
                        select.append(" AND r.seq > ").append(sql.add(cursor.longAt(1)));
                    }
                    select.append(" ORDER BY r.seq");
                } else {
                    select.append(sorting.columns()).append(" FROM fhir.resources r").append(sorting.from())
                            .append(" WHERE ").append(plan.where);
                    if (cursor != null) {
                        select.append(" AND ").append(sorting.after(sql, cursor));
                    }
                    select.append(" ORDER BY ").append(sorting.orderBy());
                }
                select.append(" LIMIT ").append(sql.add(query.count() + 1));
                statements.add(select.toString());
                tuples.add(sql.tuple());
            }
            return runner.runAll(plan.plans(), statements, tuples).chain(results -> {
                Long total = withTotal ? results.get(0).iterator().next().getLong("total") : null;
                List<StoredResource> matches = new ArrayList<>();
                String next = null;
                if (!countOnly && query.count() > 0) {
                    Row last = null;
                    for (Row row : results.get(results.size() - 1)) {
                        if (matches.size() == query.count()) {
                            next = (sorting == null ? new PageCursor(List.of("s", Long.toString(last.getLong("seq"))))
                                    : sorting.cursorAfter(last)).encode();
                            break;
                        }
                        matches.add(ResourceStore.stored(row, false));
                        last = row;
                    }
                }
                List<StoredResource> visible = matches;
                String nextPage = next;
                return includes(runner, access, types, visible, query).map(included -> bundle(base, type, params, query,
                        summary, total, visible, included, nextPage, plan.ignored));
            });
        })));
    }

    /**
     * The code sets the criteria need: the value sets of {@code :in} and {@code :not-in}, and the subsumption of
     * {@code :below} and {@code :above} on tokens, keyed as {@link Criteria} looks them up (no round trip if none).
     */
    private Uni<Map<String, CodeSet>> terminology(Runner runner, SmartAccess access, String type,
            List<SearchQuery.Criterion> criteria) {
        List<String> canonicals = canonicals(criteria);
        List<Map.Entry<String, String>> subsumptions = subsumptions(type, criteria);
        if (canonicals.isEmpty() && subsumptions.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return runner.run(tx -> terminology(tx, access, canonicals, subsumptions));
    }

    /** Where a search's statements run: in a transaction of their own each time, or in the caller's. */
    private final class Runner {
        private final PgTx tx;
        private final String tenant;

        Runner(PgTx tx, String tenant) {
            this.tx = tx;
            this.tenant = tenant;
        }

        <T> Uni<T> run(Function<PgTx, Uni<T>> work) {
            return tx == null ? PgTx.run(store.pool(), tenant, work) : work.apply(tx);
        }

        Uni<List<RowSet<Row>>> runAll(PgTx.Plans plans, List<String> sql, List<Tuple> params) {
            if (tx == null) {
                return PgTx.runAll(store.pool(), tenant, plans, sql, params);
            }
            List<Uni<RowSet<Row>>> sent = new ArrayList<>(sql.size());
            for (int i = 0; i < sql.size(); i++) {
                sent.add(tx.send(sql.get(i), params.get(i), plans));
            }
            return Uni.join().all(sent).andFailFast();
        }
    }

    private Uni<Map<String, CodeSet>> terminology(PgTx tx, SmartAccess access, List<String> canonicals,
            List<Map.Entry<String, String>> subsumptions) {
        String tenant = access.tenant().value();
        return valueSets.expand(tx, tenant, canonicals).chain(sets -> codeSystems
                .subsume(tx, tenant, subsumptions).map(subsumed -> {
                    Map<String, CodeSet> all = new HashMap<>(sets);
                    all.putAll(subsumed);
                    return all;
                }));
    }

    private static List<String> canonicals(List<SearchQuery.Criterion> criteria) {
        List<String> canonicals = new ArrayList<>();
        for (SearchQuery.Criterion criterion : criteria) {
            if ("in".equals(criterion.modifier()) || "not-in".equals(criterion.modifier())) {
                criterion.values().forEach(value -> canonicals.add(CompositeValues.unescape(value)));
            }
        }
        return canonicals;
    }

    /** {@code (below|above, system|code)} of the token criteria of {@code type} with those modifiers. */
    private List<Map.Entry<String, String>> subsumptions(String type, List<SearchQuery.Criterion> criteria) {
        List<Map.Entry<String, String>> requests = new ArrayList<>();
        for (SearchQuery.Criterion criterion : criteria) {
            String modifier = criterion.modifier();
            if (("below".equals(modifier) || "above".equals(modifier)) && registry.find(type, criterion.name())
                    .filter(def -> def.type() == SearchParamType.TOKEN).isPresent()) {
                criterion.values().forEach(value -> requests.add(Map.entry(modifier,
                        CompositeValues.unescape(value))));
            }
        }
        return requests;
    }

    /**
     * In {@code tx}: the ids of the current resources of {@code type} matching {@code query} (a search's query
     * string, percent-encoded) among those the caller may see: what a conditional create, update, delete or
     * reference resolves against. At most 2 are returned: enough to tell none, one and several apart. Unknown
     * parameters are an error here (strict), since ignoring one would match too much.
     */
    public Uni<List<String>> matchIds(PgTx tx, SmartAccess access, String type, String query) {
        return guard.require(access, Interaction.SEARCH, type).chain(grant -> guard.typeGrants(access)
                .chain(types -> {
            SearchQuery parsed = SearchQuery.parse(pairs(query));
            if (parsed.criteria().isEmpty()) {
                throw new io.tenfold.commons.error.InvalidRequestException("condition-empty",
                        "A conditional interaction needs search criteria", "url");
            }
            List<SearchQuery.Criterion> criteria = parsed.criteria();
            return terminology(tx, access, canonicals(criteria), subsumptions(type, criteria)).chain(sets -> {
                Plan plan = plan(types, access, grant, type, parsed.criteria(), false, sets);
                String sql = "SELECT r.id FROM fhir.resources r WHERE " + plan.where + " ORDER BY r.seq LIMIT 2";
                return tx.send(sql, plan.sql.tuple(), plan.plans()).map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return ids;
                });
            });
        }));
    }

    /** The WHERE clause of a search and its parameters. */
    private record Plan(String where, SqlParams sql, List<String> ignored, PgTx.Plans plans) {
    }

    private Plan plan(AccessGuard.TypeGrants types, SmartAccess access, Grant grant, String type,
            List<SearchQuery.Criterion> criteria, boolean lenient, Map<String, CodeSet> codeSets) {
        SqlParams sql = new SqlParams();
        String tenant = sql.add(access.tenant().value());
        List<String> bases = new ArrayList<>(new LocalReferences(publicBaseUrl, access.tenant().value()).bases());
        Criteria conditions = new Criteria(registry, sql, tenant, t -> types.grant(Interaction.SEARCH, t),
                lenient, bases, codeSets);
        StringBuilder where = new StringBuilder("r.tenant_id = ").append(tenant).append(" AND r.res_type = ")
                .append(sql.add(type)).append(" AND NOT r.deleted AND ");
        where.append(conditions.confinement(grant, type, "r.id"));
        where.append(conditions.all(type, "r.id", criteria));
        boolean patterns = conditions.usesPatterns();
        if (grant.restricted()) {
            Criteria strict = new Criteria(registry, sql, tenant, t -> types.grant(Interaction.SEARCH, t),
                    false, bases, codeSets);
            List<String> any = new ArrayList<>();
            for (String restriction : grant.restrictions()) {
                any.add("(" + strict.all(type, "r.id", SearchQuery.parse(pairs(restriction)).criteria()) + ")");
            }
            where.append(" AND (").append(String.join(" OR ", any)).append(')');
            patterns |= strict.usesPatterns();
        }
        return new Plan(where.toString(), sql, conditions.ignored(),
                patterns ? PgTx.Plans.PER_EXECUTION : PgTx.Plans.GENERIC);
    }

    private Uni<List<StoredResource>> includes(Runner runner, SmartAccess access, AccessGuard.TypeGrants types,
            List<StoredResource> matches, SearchQuery query) {
        if (matches.isEmpty() || query.includes().isEmpty() && query.revIncludes().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, StoredResource> seen = new LinkedHashMap<>();
        matches.forEach(m -> seen.put(m.type() + "/" + m.id(), m));
        return includeRound(runner, access, types, matches, query, seen, new ArrayList<>(), 0);
    }

    private Uni<List<StoredResource>> includeRound(Runner runner, SmartAccess access, AccessGuard.TypeGrants types,
            List<StoredResource> from, SearchQuery query,
            Map<String, StoredResource> seen, List<StoredResource> included, int depth) {
        List<String> statements = new ArrayList<>();
        List<Tuple> tuples = new ArrayList<>();
        Map<String, List<String>> idsByType = new LinkedHashMap<>();
        from.forEach(r -> idsByType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r.id()));
        for (Map.Entry<String, List<String>> group : idsByType.entrySet()) {
            String[] ids = group.getValue().toArray(String[]::new);
            for (SearchQuery.Include include : query.includes()) {
                if ((depth > 0 && !include.iterate())
                        || !(include.sourceType().equals("*") || include.sourceType().equals(group.getKey()))) {
                    continue;
                }
                List<Object> values = new ArrayList<>(List.of(access.tenant().value(), group.getKey(), ids));
                StringBuilder sql = new StringBuilder("SELECT DISTINCT ").append(COLUMNS)
                        .append(" FROM fhir.search_reference x JOIN fhir.resources r ON r.tenant_id = x.tenant_id"
                                + " AND r.res_type = x.target_type AND r.id = x.target_id"
                                + " WHERE x.tenant_id = $1 AND x.res_type = $2 AND x.res_id = ANY ($3) AND NOT r.deleted");
                if (!include.param().equals("*")) {
                    values.add(include.param());
                    sql.append(" AND x.param = $").append(values.size());
                }
                if (include.targetType() != null) {
                    values.add(include.targetType());
                    sql.append(" AND x.target_type = $").append(values.size());
                }
                statements.add(sql.toString());
                tuples.add(Tuple.from(values));
            }
            for (SearchQuery.Include rev : query.revIncludes()) {
                if ((depth > 0 && !rev.iterate()) || rev.sourceType().equals("*")
                        || rev.targetType() != null && !rev.targetType().equals(group.getKey())) {
                    continue;
                }
                List<Object> values = new ArrayList<>(List.of(access.tenant().value(), rev.sourceType(),
                        group.getKey(), ids));
                StringBuilder sql = new StringBuilder("SELECT DISTINCT ").append(COLUMNS)
                        .append(" FROM fhir.search_reference x JOIN fhir.resources r ON r.tenant_id = x.tenant_id"
                                + " AND r.res_type = x.res_type AND r.id = x.res_id"
                                + " WHERE x.tenant_id = $1 AND x.res_type = $2 AND x.target_type = $3"
                                + " AND x.target_id = ANY ($4) AND NOT r.deleted");
                if (!rev.param().equals("*")) {
                    values.add(rev.param());
                    sql.append(" AND x.param = $").append(values.size());
                }
                statements.add(sql.toString());
                tuples.add(Tuple.from(values));
            }
        }
        if (statements.isEmpty()) {
            return Uni.createFrom().item(included);
        }
        return runner.runAll(PgTx.Plans.PER_EXECUTION, statements, tuples).chain(results -> {
            List<StoredResource> found = new ArrayList<>();
            for (RowSet<Row> rows : results) {
                for (Row row : rows) {
                    StoredResource resource = ResourceStore.stored(row, false);
                    String key = resource.type() + "/" + resource.id();
                    if (!seen.containsKey(key) && readable(types, resource)) {
                        seen.put(key, resource);
                        found.add(resource);
                    }
                }
            }
            included.addAll(found);
            boolean iterate = query.includes().stream().anyMatch(SearchQuery.Include::iterate)
                    || query.revIncludes().stream().anyMatch(SearchQuery.Include::iterate);
            if (found.isEmpty() || !iterate || depth + 1 >= MAX_INCLUDE_DEPTH) {
                return Uni.createFrom().item(included);
            }
            return includeRound(runner, access, types, found, query, seen, included, depth + 1);
        });
    }

    /**
     * Whether an included resource is one the caller may read: its type's scopes and access policies, compartment
     * and restrictions.
     */
    private boolean readable(AccessGuard.TypeGrants types, StoredResource resource) {
        Grant grant;
        try {
            grant = types.grant(Interaction.READ, resource.type());
        } catch (ForbiddenOperationException e) {
            return false;
        }
        return resources.reachable(grant, resource);
    }

    private String bundle(String base, String type, List<Map.Entry<String, String>> params, SearchQuery query,
            String summary, Long total, List<StoredResource> matches, List<StoredResource> included, String next,
            List<String> ignored) {
        BundleJson bundle = new BundleJson("searchset", UUID.randomUUID().toString());
        if (total != null) {
            bundle.total(total);
        }
        String self = base + "/" + type + queryString(params, null);
        bundle.links(self, next == null ? null : base + "/" + type + queryString(params, next), null);
        for (StoredResource match : matches) {
            bundle.entry(base + "/" + match.type() + "/" + match.id())
                    .resource(elements.apply(match.type(), match.body(), summary, query.elements()))
                    .searchMode("match").endEntry();
        }
        for (StoredResource include : included) {
            bundle.entry(base + "/" + include.type() + "/" + include.id())
                    .resource(elements.apply(include.type(), include.body(), summary, query.elements()))
                    .searchMode("include").endEntry();
        }
        if (!ignored.isEmpty()) {
            var outcome = io.tenfold.commons.error.OperationOutcomes.issue("warning", "not-supported",
                    "search-parameter-ignored", String.join("; ", ignored), List.of());
            bundle.entry(null).resource(outcome.toString()).searchMode("outcome").endEntry();
        }
        return bundle.build();
    }

    /** The request's parameters as a query string, {@code _page} replaced by {@code page} (or dropped). */
    static String queryString(List<Map.Entry<String, String>> params, String page) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> param : params) {
            if (param.getKey().equals("_page")) {
                continue;
            }
            query.append(query.isEmpty() ? '?' : '&').append(encode(param.getKey())).append('=')
                    .append(encode(param.getValue() == null ? "" : param.getValue()));
        }
        if (page != null) {
            query.append(query.isEmpty() ? '?' : '&').append("_page=").append(page);
        }
        return query.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%3A", ":").replace("%7C", "|")
                .replace("%2C", ",").replace("%2F", "/");
    }

    /** A query string ({@code a=1&b=2}) as decoded pairs; a malformed percent-escape is a 400. */
    public static List<Map.Entry<String, String>> pairs(String query) {
        try {
            return decodedPairs(query);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("query-invalid", "The query string '" + query
                    + "' is not percent-encoded correctly");
        }
    }

    private static List<Map.Entry<String, String>> decodedPairs(String query) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return pairs;
        }
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            pairs.add(new AbstractMap.SimpleEntry<>(key, value));
        }
        return pairs;
    }
}
