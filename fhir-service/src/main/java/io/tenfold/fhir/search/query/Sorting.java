package io.tenfold.fhir.search.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.fhir.bundle.PageCursor;
import io.tenfold.fhir.search.SearchParamDef;
import io.tenfold.fhir.search.SearchParamRegistry;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;

/**
 * {@code _sort}: each key a search parameter of the type (a whitelist; the parameter's name reaches SQL only as a
 * bound value), sorted by its smallest indexed value (largest for descending dates), missing values last, ties in
 * the order resources were created. Pages are keyset pages: the next one starts after the sort keys of the last
 * entry served, so writes made meanwhile neither shift nor repeat entries.
 *
 * <p>Keys computed from the index tables are evaluated once per matching resource in a {@code LATERAL} subquery
 * ({@code OFFSET 0} keeps PostgreSQL from inlining them into both the ordering and the page condition).
 */
final class Sorting {

    /** The SQL type of a key, as the page cursor carries and binds it back. */
    private enum Kind {
        TEXT, TIME, NUMBER
    }

    private record Key(String expression, boolean descending, Kind kind) {
    }

    private final List<Key> keys;
    private final List<String> computed;

    private Sorting(List<Key> keys, List<String> computed) {
        this.keys = keys;
        this.computed = computed;
    }

    static Sorting of(SearchParamRegistry registry, SqlParams sql, String tenantParam, String type,
            List<SearchQuery.SortKey> sortKeys) {
        List<Key> keys = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        for (SearchQuery.SortKey key : sortKeys) {
            switch (key.param()) {
                case "_id" -> keys.add(new Key("r.id", key.descending(), Kind.TEXT));
                case "_lastUpdated" -> keys.add(new Key("r.last_updated", key.descending(), Kind.TIME));
                default -> {
                    SearchParamDef def = registry.find(type, key.param()).orElseThrow(() ->
                            new InvalidRequestException("sort-invalid", "_sort: '" + key.param()
                                    + "' is not a search parameter of " + type, "_sort"));
                    String column = switch (def.type()) {
                        case STRING -> "normalized";
                        case TOKEN -> "code";
                        case REFERENCE -> "target_id";
                        case DATE -> key.descending() ? "high" : "low";
                        case NUMBER, QUANTITY, URI -> "value";
                        default -> throw new InvalidRequestException("sort-invalid", "_sort: '" + key.param()
                                + "' cannot be sorted by", "_sort");
                    };
                    Kind kind = switch (def.type()) {
                        case DATE -> Kind.TIME;
                        case NUMBER, QUANTITY -> Kind.NUMBER;
                        default -> Kind.TEXT;
                    };
                    String alias = "sort" + computed.size();
                    computed.add("(SELECT " + (key.descending() ? "max" : "min") + "(s." + column + ") FROM "
                            + Criteria.table(def.type()) + " s WHERE s.tenant_id = " + tenantParam
                            + " AND s.res_type = r.res_type AND s.res_id = r.id AND s.param = ANY ("
                            + sql.add(rowsOf(def)) + "::text[])) AS " + alias);
                    keys.add(new Key("k." + alias, key.descending(), kind));
                }
            }
        }
        return new Sorting(keys, computed);
    }

    /** The values a page cursor of this sort has: a marker, the last entry's {@code seq}, one per key. */
    int cursorSize() {
        return 2 + keys.size();
    }

    /** The keys of each resource, to select after {@code r.seq}. */
    String columns() {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            columns.append(", ").append(keys.get(i).expression()).append(" AS key").append(i);
        }
        return columns.toString();
    }

    /** What joins the computed keys to each resource {@code r} (empty when every key is a column). */
    String from() {
        return computed.isEmpty() ? "" : " CROSS JOIN LATERAL (SELECT " + String.join(", ", computed) + " OFFSET 0) k";
    }

    String orderBy() {
        List<String> terms = new ArrayList<>();
        for (Key key : keys) {
            terms.add(key.expression() + (key.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST"));
        }
        terms.add("r.seq");
        return String.join(", ", terms);
    }

    /**
     * The condition of the resources after the cursor's entry in this order: equal up to some key and after it on
     * that one (a missing value sorts last), or equal on every key and created later.
     */
    String after(SqlParams sql, PageCursor cursor) {
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            Object value = value(key.kind(), cursor, 2 + i);
            if (value == null) {
                equalSoFar.add(key.expression() + " IS NULL");
                continue;
            }
            String bound = sql.add(value) + (key.kind() == Kind.NUMBER ? "::numeric" : "");
            List<String> alternative = new ArrayList<>(equalSoFar);
            alternative.add("(" + key.expression() + (key.descending() ? " < " : " > ") + bound + " OR "
                    + key.expression() + " IS NULL)");
            alternatives.add(String.join(" AND ", alternative));
            equalSoFar.add(key.expression() + " = " + bound);
        }
        List<String> last = new ArrayList<>(equalSoFar);
        last.add("r.seq > " + sql.add(cursor.longAt(1)));
        alternatives.add(String.join(" AND ", last));
        return "(" + String.join(" OR ", alternatives.stream().map(a -> "(" + a + ")").toList()) + ")";
    }

    /** The cursor of the page after the entry selected as {@code row}. */
    PageCursor cursorAfter(Row row) {
        List<String> values = new ArrayList<>();
        values.add("k");
        values.add(Long.toString(row.getLong("seq")));
        for (int i = 0; i < keys.size(); i++) {
            String column = "key" + i;
            Object value = switch (keys.get(i).kind()) {
                case TEXT -> row.getString(column);
                case TIME -> row.getOffsetDateTime(column);
                case NUMBER -> row.getBigDecimal(column);
            };
            values.add(value == null ? "-" : "=" + (value instanceof BigDecimal number ? number.toPlainString()
                    : value.toString()));
        }
        return new PageCursor(values);
    }

    private static Object value(Kind kind, PageCursor cursor, int index) {
        String encoded = cursor.values().get(index);
        if (encoded.equals("-")) {
            return null;
        }
        if (!encoded.startsWith("=")) {
            throw PageCursor.invalid();
        }
        String text = encoded.substring(1);
        try {
            return switch (kind) {
                case TEXT -> text;
                case TIME -> OffsetDateTime.parse(text); // infinity reads and binds as MAX/MIN
                case NUMBER -> Numeric.create(new BigDecimal(text));
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw PageCursor.invalid();
        }
    }

    /** The parameter names whose rows a parameter's values are: its own, or its union's members'. */
    private static String[] rowsOf(SearchParamDef def) {
        return def.unionOf().isEmpty() ? new String[] { def.name() } : def.unionOf().toArray(String[]::new);
    }
}
