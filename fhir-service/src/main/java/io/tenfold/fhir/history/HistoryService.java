package io.tenfold.fhir.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.fhir.access.AccessGuard;
import io.tenfold.fhir.access.Grant;
import io.tenfold.fhir.access.Interaction;
import io.tenfold.fhir.bundle.BundleJson;
import io.tenfold.fhir.bundle.PageCursor;
import io.tenfold.fhir.crud.ResourceService;
import io.tenfold.fhir.parse.ResourceParser;
import io.tenfold.fhir.storage.PgTx;
import io.tenfold.fhir.storage.ResourceStore;
import io.tenfold.fhir.storage.StoredResource;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The history interactions (instance, type, system) as Bundles of type {@code history}, newest first, keyset-paged
 * with {@code _count} and {@code _since}. A patient-confined caller sees only the versions that were in the
 * patient's compartment, of resources still in it.
 */
@ApplicationScoped
public class HistoryService {

    private static final String COLUMNS = "SELECT v.res_type, v.id, v.version, v.last_updated, v.deleted, v.method, "
            + "v.body::text AS body, v.compartments FROM fhir.resource_versions v WHERE v.tenant_id = $1";
    private static final String CONFINED = " AND EXISTS (SELECT 1 FROM fhir.compartment_members m"
            + " WHERE m.tenant_id = v.tenant_id AND m.patient_id = $%1$d AND m.res_type = v.res_type"
            + " AND m.res_id = v.id) AND $%1$d = ANY (v.compartments)";

    private final AccessGuard guard;
    private final ResourceStore store;
    private final ResourceService resources;

    public HistoryService(AccessGuard guard, ResourceStore store, ResourceService resources) {
        this.guard = guard;
        this.store = store;
        this.resources = resources;
    }

    /** What to list: a resource ({@code type} and {@code id}), a type ({@code id} null) or everything (both null). */
    public record Scope(String type, String id) {
    }

    public Uni<String> history(SmartAccess access, String base, Scope scope, String since, int count, String page) {
        Instant sinceAt = since == null ? null : instant(since);
        PageCursor cursor = PageCursor.decode(page, 4);
        // the whole system's history takes a wildcard scope (patient/*.rs, user/*.read, ...)
        Uni<Grant> grant = guard.require(access, scope.id() == null ? Interaction.SEARCH : Interaction.READ,
                scope.type() == null ? "*" : scope.type());
        return grant.chain(g -> {
            List<Object> params = new ArrayList<>();
            params.add(access.tenant().value());
            StringBuilder sql = new StringBuilder(COLUMNS);
            if (scope.type() != null) {
                params.add(scope.type());
                sql.append(" AND v.res_type = $").append(params.size());
            }
            if (scope.id() != null && !ResourceParser.isValidId(scope.id())) {
                sql.append(" AND false"); // no resource has such an id (nor could PostgreSQL take every such text)
            } else if (scope.id() != null) {
                params.add(scope.id());
                sql.append(" AND v.id = $").append(params.size());
            }
            if (sinceAt != null) {
                params.add(OffsetDateTime.ofInstant(sinceAt, ZoneOffset.UTC));
                sql.append(" AND v.last_updated >= $").append(params.size());
            }
            if (cursor != null) {
                params.add(cursor.timeAt(0));
                params.add(cursor.values().get(1));
                params.add(cursor.values().get(2));
                params.add(cursor.intAt(3));
                int n = params.size();
                sql.append(" AND (v.last_updated, v.res_type, v.id, v.version) < ($").append(n - 3).append(", $")
                        .append(n - 2).append(", $").append(n - 1).append(", $").append(n).append(')');
            }
            if (g.confined()) {
                params.add(g.patient());
                sql.append(String.format(CONFINED, params.size()));
            }
            params.add(count + 1);
            sql.append(" ORDER BY v.last_updated DESC, v.res_type DESC, v.id DESC, v.version DESC LIMIT $")
                    .append(params.size());
            return PgTx.runAll(store.pool(), access.tenant().value(), List.of(sql.toString()),
                    List.of(Tuple.from(params))).map(rows -> {
                        List<StoredResource> versions = new ArrayList<>();
                        for (Row row : rows.get(0)) {
                            versions.add(ResourceStore.stored(row, true));
                        }
                        return bundle(base, scope, since, count, versions, g);
                    });
        });
    }

    private String bundle(String base, Scope scope, String since, int count, List<StoredResource> versions,
            Grant grant) {
        String path = base + (scope.type() == null ? "" : "/" + scope.type())
                + (scope.id() == null ? "" : "/" + scope.id()) + "/_history";
        String query = "?_count=" + count + (since == null ? "" : "&_since=" + since);
        String next = null;
        List<StoredResource> page = versions;
        if (versions.size() > count) {
            page = versions.subList(0, count);
            StoredResource last = page.get(page.size() - 1);
            next = path + query + "&_page=" + new PageCursor(List.of(OffsetDateTime.ofInstant(last.lastUpdated(),
                    ZoneOffset.UTC).toString(), last.type(), last.id(), Integer.toString(last.version()))).encode();
        }
        BundleJson bundle = new BundleJson("history", java.util.UUID.randomUUID().toString());
        bundle.links(path + query, next, null);
        for (StoredResource version : page) {
            if (grant.restricted() && !version.deleted() && !resources.reachable(grant, version)) {
                continue;
            }
            String url = version.type() + "/" + version.id();
            bundle.entry(base + "/" + url);
            if (!version.deleted()) {
                bundle.resource(version.body());
            }
            String method = version.method();
            bundle.request(method, method.equals("POST") ? version.type() : url);
            bundle.response(version.deleted() ? "204 No Content" : version.version() == 1 ? "201 Created" : "200 OK",
                    null, version.etag(), version.lastUpdated(), null);
            bundle.endEntry();
        }
        return bundle.build();
    }

    public static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            try {
                return java.time.LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (RuntimeException e2) {
                throw new InvalidRequestException("since-invalid",
                        "_since must be an instant such as 2024-01-31T10:00:00Z", "_since");
            }
        }
    }
}
