package io.tenfold.fhir.storage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.tenfold.fhir.search.index.DateRow;
import io.tenfold.fhir.search.index.IndexRows;
import io.tenfold.fhir.search.index.NumberRow;
import io.tenfold.fhir.search.index.QuantityRow;
import io.tenfold.fhir.search.index.ReferenceRow;
import io.tenfold.fhir.search.index.StringRow;
import io.tenfold.fhir.search.index.TokenRow;
import io.tenfold.fhir.search.index.UriRow;
import io.vertx.sqlclient.data.Numeric;

/**
 * The search index rows of a batch of resources as column arrays (42 statement parameters, each an array of its
 * SQL type), and the SQL that inserts them into the seven index tables: the same prepared statement whatever the
 * batch size.
 */
final class IndexColumns {

    /** How many statement parameters {@link #addTo} adds. */
    static final int PARAMETERS = 42;

    private static final List<String> TABLES = List.of("search_token", "search_string", "search_reference",
            "search_date", "search_number", "search_quantity", "search_uri");

    private static final IntFunction<Object[]> S = String[]::new;
    private static final IntFunction<Object[]> T = OffsetDateTime[]::new;
    private static final IntFunction<Object[]> N = Numeric[]::new;
    private static final IntFunction<Object[]> G = Integer[]::new;

    private final Columns tokens = new Columns(S, S, S, S, S, S, G);
    private final Columns strings = new Columns(S, S, S, S, S, G);
    private final Columns references = new Columns(S, S, S, S, S, S, G);
    private final Columns dates = new Columns(S, S, S, T, T, G);
    private final Columns numbers = new Columns(S, S, S, N, G);
    private final Columns quantities = new Columns(S, S, S, S, S, N, G);
    private final Columns uris = new Columns(S, S, S, S);

    /**
     * The CTEs {@code i1}…{@code i7} inserting the rows of parameters {@code $first}… ({@code $1} is the tenant),
     * each prefixed by {@code ", "}; with {@code onlyFor}, only rows of resources in that relation (its
     * {@code res_type, id}).
     */
    static String inserts(int first, String onlyFor) {
        int[] p = { first };
        return insert("i1", "search_token (tenant_id, res_type, res_id, param, system, code, display, grp)",
                p, onlyFor, "text", "text", "text", "text", "text", "text", "int")
                + insert("i2", "search_string (tenant_id, res_type, res_id, param, normalized, exact, grp)",
                        p, onlyFor, "text", "text", "text", "text", "text", "int")
                + insert("i3", "search_reference (tenant_id, res_type, res_id, param, target_type, target_id, url, "
                        + "grp)", p, onlyFor, "text", "text", "text", "text", "text", "text", "int")
                + insert("i4", "search_date (tenant_id, res_type, res_id, param, low, high, grp)",
                        p, onlyFor, "text", "text", "text", "timestamptz", "timestamptz", "int")
                + insert("i5", "search_number (tenant_id, res_type, res_id, param, value, grp)",
                        p, onlyFor, "text", "text", "text", "numeric", "int")
                + insert("i6", "search_quantity (tenant_id, res_type, res_id, param, system, code, value, grp)",
                        p, onlyFor, "text", "text", "text", "text", "text", "numeric", "int")
                + insert("i7", "search_uri (tenant_id, res_type, res_id, param, value)",
                        p, onlyFor, "text", "text", "text", "text");
    }

    /** The CTEs {@code d1}…{@code d7} deleting the index rows of the resources in {@code of} (res_type, id). */
    static String deletes(String of) {
        StringBuilder sql = new StringBuilder();
        int n = 1;
        for (String table : TABLES) {
            sql.append("            ), d").append(n++).append(" AS (DELETE FROM fhir.").append(table)
                    .append(" t USING ").append(of).append(" r\n                      WHERE t.tenant_id = $1")
                    .append(" AND t.res_type = r.res_type AND t.res_id = r.id\n");
        }
        return sql.toString();
    }

    private static String insert(String name, String into, int[] next, String onlyFor, String... types) {
        List<String> arrays = new ArrayList<>();
        for (String type : types) {
            arrays.add("$" + next[0]++ + "::" + type + "[]");
        }
        String where = onlyFor == null ? ""
                : " WHERE (u.c1, u.c2) IN (SELECT res_type, id FROM " + onlyFor + ")";
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= types.length; i++) {
            columns.add("c" + i);
        }
        return "), " + name + " AS (INSERT INTO fhir." + into + "\n          SELECT $1, u.* FROM unnest("
                + String.join(", ", arrays) + ") AS u(" + String.join(", ", columns) + ")" + where + "\n";
    }

    /** Adds the rows of the resource {@code type}/{@code id}. */
    void add(String type, String id, IndexRows index) {
        for (TokenRow r : index.tokens()) {
            tokens.add(type, id, r.param(), r.system(), r.code(), r.text(), r.grp());
        }
        for (StringRow r : index.strings()) {
            strings.add(type, id, r.param(), r.normalized(), r.exact(), r.grp());
        }
        for (ReferenceRow r : index.references()) {
            references.add(type, id, r.param(), r.targetType(), r.targetId(), r.url(), r.grp());
        }
        for (DateRow r : index.dates()) {
            dates.add(type, id, r.param(), bound(r.low(), OffsetDateTime.MIN), bound(r.high(), OffsetDateTime.MAX),
                    r.grp());
        }
        for (NumberRow r : index.numbers()) {
            numbers.add(type, id, r.param(), Numeric.create(r.value()), r.grp());
        }
        for (QuantityRow r : index.quantities()) {
            quantities.add(type, id, r.param(), r.system(), r.code(), Numeric.create(r.value()), r.grp());
        }
        for (UriRow r : index.uris()) {
            uris.add(type, id, r.param(), r.value());
        }
    }

    /** The {@link #PARAMETERS} arrays, in the order of {@link #inserts}. */
    void addTo(List<Object> values) {
        tokens.addTo(values);
        strings.addTo(values);
        references.addTo(values);
        dates.addTo(values);
        numbers.addTo(values);
        quantities.addTo(values);
        uris.addTo(values);
    }

    /** An open end of a period is PostgreSQL's -infinity / infinity, which the client maps from MIN / MAX. */
    private static OffsetDateTime bound(Instant instant, OffsetDateTime open) {
        return instant == null ? open : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Column-wise arrays of index rows, each column an array of its SQL type's Java class. */
    private static final class Columns {
        private final IntFunction<Object[]>[] types;
        private final List<List<Object>> columns = new ArrayList<>();

        @SafeVarargs
        Columns(IntFunction<Object[]>... types) {
            this.types = types;
            for (int i = 0; i < types.length; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(Object... row) {
            for (int i = 0; i < row.length; i++) {
                columns.get(i).add(row[i]);
            }
        }

        void addTo(List<Object> values) {
            for (int i = 0; i < types.length; i++) {
                List<Object> column = columns.get(i);
                values.add(column.toArray(types[i].apply(column.size())));
            }
        }
    }
}
