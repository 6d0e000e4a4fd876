package io.tenfold.fhir.transaction;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.fhir.access.AccessGuard;
import io.tenfold.fhir.access.Interaction;
import io.tenfold.fhir.crud.ResourceService;
import io.tenfold.fhir.security.SmartAccess;
import io.tenfold.fhir.storage.PgTx;
import io.tenfold.fhir.storage.ResourceStore;
import io.tenfold.fhir.storage.StoredResource;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * TEMPORARY {@link ConditionalMatcher} until search lands: understands only {@code identifier=[system]|[value]}
 * (also {@code |value}, {@code value}, {@code system|}) and {@code _id=x}, each once or more (all must hold), with
 * one value each; anything else is a 400. It reads {@code fhir.search_token} (param {@code identifier}) and
 * {@code fhir.resources} in the caller's transaction, needs the caller's search grant on the type, and keeps
 * only what that grant reaches, exactly as a read would. Search's own matcher replaces this bean (it is a
 * {@link DefaultBean}).
 */
@DefaultBean
@ApplicationScoped
public class IdentifierConditionalMatcher implements ConditionalMatcher {

    /** More than this many candidates are not needed: callers only tell 0, 1 and more apart. */
    private static final int LIMIT = 50;

    private final AccessGuard guard;
    private final ResourceService resources;

    public IdentifierConditionalMatcher(AccessGuard guard, ResourceService resources) {
        this.guard = guard;
        this.resources = resources;
    }

    @Override
    public Uni<List<String>> matchIds(PgTx tx, SmartAccess access, String type, String query) {
        Tuple params = Tuple.tuple().addString(access.tenant().value()).addString(type);
        String sql = sql(query, params);
        return guard.require(access, Interaction.SEARCH, type)
                .chain(grant -> tx.send(sql, params).map(rows -> {
                    List<String> ids = new ArrayList<>();
                    for (Row row : rows) {
                        StoredResource stored = ResourceStore.stored(row, false);
                        if (resources.reachable(grant, stored)) {
                            ids.add(stored.id());
                        }
                    }
                    return ids;
                }));
    }

    /** The SQL for {@code query}, its values appended to {@code params} (which hold tenant and type). */
    static String sql(String query, Tuple params) {
        StringBuilder sql = new StringBuilder("SELECT r.res_type, r.id, r.version, r.last_updated, r.deleted, "
                + "r.body::text AS body, r.compartments FROM fhir.resources r "
                + "WHERE r.tenant_id = $1 AND r.res_type = $2 AND NOT r.deleted");
        if (query == null || query.isBlank()) {
            throw unsupported("an empty search");
        }
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            if (value.isEmpty() || value.contains(",")) {
                throw unsupported("'" + part + "' (one value per parameter)");
            }
            switch (name) {
                case "_id" -> sql.append(" AND r.id = $").append(add(params, value));
                case "identifier" -> {
                    sql.append(" AND EXISTS (SELECT 1 FROM fhir.search_token t WHERE t.tenant_id = $1 "
                            + "AND t.res_type = $2 AND t.res_id = r.id AND t.param = 'identifier'");
                    int bar = value.indexOf('|');
                    if (bar < 0) {
                        sql.append(" AND t.code = $").append(add(params, value));
                    } else {
                        String system = value.substring(0, bar);
                        String code = value.substring(bar + 1);
                        sql.append(system.isEmpty() ? " AND t.system IS NULL"
                                : " AND t.system = $" + add(params, system));
                        if (!code.isEmpty()) {
                            sql.append(" AND t.code = $").append(add(params, code));
                        }
                    }
                    sql.append(')');
                }
                default -> throw unsupported("parameter '" + name + "'");
            }
        }
        return sql.append(" LIMIT ").append(LIMIT).toString();
    }

    private static int add(Tuple params, String value) {
        params.addString(value);
        return params.size();
    }

    private static InvalidRequestException unsupported(String what) {
        return new InvalidRequestException("conditional-search-unsupported", "Conditional interactions and "
                + "references support only identifier=system|value and _id=id for now, not " + what);
    }
}
