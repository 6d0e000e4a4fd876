package io.tenfold.commons.projection;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.tenfold.commons.error.ResourceNotFoundException;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;

/**
 * Before any routing: a request under {@code /tenant/{t}/} for a tenant this service does not serve (unknown,
 * malformed or deleted) is answered 404 with an OperationOutcome, the same for all three so nothing leaks.
 */
public class KnownTenantFilter {

    private final TenantProjection projection;
    private final TenantDirectory directory;
    private final TenantContext context;

    public KnownTenantFilter(TenantProjection projection, TenantDirectory directory, TenantContext context) {
        this.projection = projection;
        this.directory = directory;
        this.context = context;
    }

    /** Runs before authentication: for an unknown tenant, not even credentials are looked at. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public void requireKnownTenant(ContainerRequestContext request) {
        if (!projection.enabled()) {
            return;
        }
        String segment = TenantPaths.tenantSegment(request.getUriInfo().getPath());
        if (segment == null) {
            return;
        }
        TenantDirectory.Entry entry = TenantId.isValid(segment) ? directory.find(segment).orElse(null) : null;
        if (entry == null) {
            throw new ResourceNotFoundException("tenant-unknown", "Unknown tenant");
        }
        context.set(new TenantId(segment), entry);
    }
}
