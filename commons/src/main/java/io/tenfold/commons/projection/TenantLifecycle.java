package io.tenfold.commons.projection;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.event.TenantState;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What a service does when a tenant appears, changes or goes. A service that implements it gets a tenant
 * projection: it follows {@code tenfold.tenants}, answers 404 for tenants it does not serve, and reports its
 * provisioning state back to tenant-service. Both methods run in the tenant's transaction (row-level security
 * scoped to that tenant) and must be idempotent. By default they do nothing: a service whose storage is shared
 * and keyed by tenant needs nothing but the projection itself to serve a new tenant.
 */
public interface TenantLifecycle {

    /** Prepares whatever the tenant needs (keys, storage); called again on every change of the tenant. */
    default Uni<Void> provision(SqlConnection tx, TenantState tenant) {
        return Uni.createFrom().voidItem();
    }

    /** Deletes every row the service keeps for the tenant. */
    default Uni<Void> purge(SqlConnection tx, TenantId tenant) {
        return Uni.createFrom().voidItem();
    }
}
