package io.tenfold.bulk.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.projection.TenantLifecycle;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * bulk-service's part in a tenant's life: it knows the tenant once announced, and a deleted tenant's export jobs
 * go with their files (a running export notices at its next chunk and stops).
 */
@ApplicationScoped
public class BulkTenantLifecycle implements TenantLifecycle {

    @Override
    public Uni<Void> purge(SqlConnection tx, TenantId tenant) {
        return tx.preparedQuery("DELETE FROM bulk.export_jobs WHERE tenant_id = $1")
                .execute(Tuple.of(tenant.value())).replaceWithVoid();
    }
}
