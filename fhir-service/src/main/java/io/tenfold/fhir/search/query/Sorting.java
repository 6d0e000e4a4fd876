package io.tenfold.fhir.search.query;

import java.util.ArrayList;
import java.util.List;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.fhir.search.SearchParamDef;
import io.tenfold.fhir.search.SearchParamRegistry;

/**
 * {@code _sort}: each key a search parameter of the type (a whitelist; the parameter's name reaches SQL only as a
 * bound value), sorted by its smallest indexed value (largest for descending dates), missing values last, ties in
 * the order resources were created.
 */
final class Sorting {

    private Sorting() {
    }

    static String orderBy(SearchParamRegistry registry, SqlParams sql, String tenantParam, String type,
            List<SearchQuery.SortKey> keys) {
        List<String> terms = new ArrayList<>();
        for (SearchQuery.SortKey key : keys) {
            String direction = key.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST";
            switch (key.param()) {
                case "_id" -> terms.add("r.id" + direction);
                case "_lastUpdated" -> terms.add("r.last_updated" + direction);
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
                    String aggregate = key.descending() ? "max" : "min";
                    terms.add("(SELECT " + aggregate + "(s." + column + ") FROM " + Criteria.table(def.type())
                            + " s WHERE s.tenant_id = " + tenantParam + " AND s.res_type = r.res_type"
                            + " AND s.res_id = r.id AND s.param = ANY (" + sql.add(rowsOf(def)) + "::text[]))"
                            + direction);
                }
            }
        }
        terms.add("r.seq");
        return String.join(", ", terms);
    }

    /** The parameter names whose rows a parameter's values are: its own, or its union's members'. */
    private static String[] rowsOf(SearchParamDef def) {
        return def.unionOf().isEmpty() ? new String[] { def.name() } : def.unionOf().toArray(String[]::new);
    }
}
