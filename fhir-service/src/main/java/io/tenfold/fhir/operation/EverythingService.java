package io.tenfold.fhir.operation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.ForbiddenOperationException;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.fhir.access.AccessGuard;
import io.tenfold.fhir.access.Grant;
import io.tenfold.fhir.access.Interaction;
import io.tenfold.fhir.bundle.BundleJson;
import io.tenfold.fhir.bundle.PageCursor;
import io.tenfold.fhir.crud.ResourceService;
import io.tenfold.fhir.storage.PgTx;
import io.tenfold.fhir.storage.ResourceStore;
import io.tenfold.fhir.storage.StoredResource;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code Patient/{id}/$everything}: the patient and every current resource in its compartment that the caller's
 * scopes let it read, as a searchset paged by type and id ({@code _count}, {@code _since}, {@code _type}). A
 * patient the caller cannot read is a 404, as for a read.
 */
@ApplicationScoped
public class EverythingService {

    private static final String SQL = "SELECT r.res_type, r.id, r.version, r.last_updated, r.deleted, "
            + "r.body::text AS body, r.compartments FROM fhir.compartment_members m JOIN fhir.resources r "
            + "ON r.tenant_id = m.tenant_id AND r.res_type = m.res_type AND r.id = m.res_id "
            + "WHERE m.tenant_id = $1 AND m.patient_id = $2 AND NOT r.deleted AND r.last_updated >= $3 "
            + "AND (cardinality($4::text[]) = 0 OR r.res_type = ANY ($4)) AND (r.res_type, r.id) > ($5, $6) "
            + "ORDER BY r.res_type, r.id LIMIT $7";

    private final AccessGuard guard;
    private final ResourceService resources;
    private final ResourceStore store;

    public EverythingService(AccessGuard guard, ResourceService resources, ResourceStore store) {
        this.guard = guard;
        this.resources = resources;
        this.store = store;
    }

    public Uni<String> everything(SmartAccess access, String base, String patientId, String since, String types,
            int count, String page) {
        OffsetDateTime from = since == null ? OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                : OffsetDateTime.ofInstant(io.tenfold.fhir.history.HistoryService.instant(since), ZoneOffset.UTC);
        String[] typeList = types == null || types.isBlank() ? new String[0] : types.split(",");
        PageCursor cursor = PageCursor.decode(page, 2);
        return resources.read(access, "Patient", patientId).chain(patient -> guard.typeGrants(access))
                .chain(grants -> PgTx.runAll(store.pool(),
                access.tenant().value(), List.of(SQL), List.of(Tuple.from(List.of(access.tenant().value(), patientId,
                        from, typeList, cursor == null ? "" : cursor.values().get(0),
                        cursor == null ? "" : cursor.values().get(1), count + 1))))
                .map(rows -> {
                    List<StoredResource> found = new ArrayList<>();
                    for (Row row : rows.get(0)) {
                        found.add(ResourceStore.stored(row, false));
                    }
                    String self = base + "/Patient/" + patientId + "/$everything?_count=" + count
                            + (since == null ? "" : "&_since=" + since) + (types == null ? "" : "&_type=" + types);
                    String next = null;
                    if (found.size() > count) {
                        found = found.subList(0, count);
                        StoredResource last = found.get(found.size() - 1);
                        next = self + "&_page=" + new PageCursor(List.of(last.type(), last.id())).encode();
                    }
                    BundleJson bundle = new BundleJson("searchset", UUID.randomUUID().toString());
                    bundle.links(self, next, null);
                    for (StoredResource resource : found) {
                        if (readable(grants, resource)) {
                            bundle.entry(base + "/" + resource.type() + "/" + resource.id()).resource(resource.body())
                                    .searchMode("match").endEntry();
                        }
                    }
                    return bundle.build();
                }));
    }

    private boolean readable(AccessGuard.TypeGrants types, StoredResource resource) {
        try {
            Grant grant = types.grant(Interaction.READ, resource.type());
            return resources.reachable(grant, resource);
        } catch (ForbiddenOperationException e) {
            return false;
        }
    }
}
