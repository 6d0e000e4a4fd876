package io.tenfold.bulk.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.projection.TenantLifecycle;

/**
 * bulk-service's part in a tenant's life: it knows the tenant once announced. Export jobs and their files
 * arrive with the bulk data issue, which overrides {@code purge} to delete a deleted tenant's jobs and files.
 */
@ApplicationScoped
public class BulkTenantLifecycle implements TenantLifecycle {
}
