package io.tenfold.fhir.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.projection.TenantLifecycle;

/**
 * fhir-service's part in a tenant's life. Its storage is shared and hash-partitioned by tenant, so a new
 * tenant needs no tables of its own: once the tenant is in the projection, its API answers. The FHIR storage
 * (resources, history, search indexes) arrives with the FHIR API issue, which overrides {@code purge} to delete
 * a deleted tenant's rows from each table it adds.
 */
@ApplicationScoped
public class FhirTenantLifecycle implements TenantLifecycle {
}
