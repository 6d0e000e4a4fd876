package io.tenfold.fhir.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.projection.TenantLifecycle;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * fhir-service's part in a tenant's life. Its storage is shared and hash-partitioned by tenant, so a new tenant
 * needs no tables of its own: once the tenant is in the projection, its API answers. A deleted tenant's resources,
 * history, search indexes and compartment memberships are deleted.
 */
@ApplicationScoped
public class FhirTenantLifecycle implements TenantLifecycle {

    private static final List<String> TABLES = List.of("resources", "resource_versions", "compartment_members",
            "search_token", "search_string", "search_reference", "search_date", "search_number", "search_quantity",
            "search_uri");

    @Override
    public Uni<Void> purge(SqlConnection tx, TenantId tenant) {
        return Multi.createFrom().iterable(TABLES)
                .onItem().transformToUniAndConcatenate(table -> tx
                        .preparedQuery("DELETE FROM fhir." + table + " WHERE tenant_id = $1")
                        .execute(Tuple.of(tenant.value())))
                .collect().last().replaceWithVoid();
    }
}
