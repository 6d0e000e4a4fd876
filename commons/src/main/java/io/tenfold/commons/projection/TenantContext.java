package io.tenfold.commons.projection;

import jakarta.enterprise.context.RequestScoped;

import io.tenfold.commons.error.ResourceNotFoundException;
import io.tenfold.commons.projection.TenantDirectory.Entry;
import io.tenfold.commons.tenant.TenantId;

/**
 * The tenant of the current request, set by {@link KnownTenantFilter} from the path once it has checked that
 * this service serves the tenant. Repositories take the tenant from here, never from an unchecked argument.
 */
@RequestScoped
public class TenantContext {

    private TenantId tenant;
    private Entry entry;

    void set(TenantId tenant, Entry entry) {
        this.tenant = tenant;
        this.entry = entry;
    }

    /** The tenant of the request; a request outside {@code /tenant/{t}/} has none. */
    public TenantId tenant() {
        if (tenant == null) {
            throw new ResourceNotFoundException("tenant-unknown", "Unknown tenant");
        }
        return tenant;
    }

    /** The tenant's display name. */
    public String name() {
        tenant();
        return entry.name();
    }
}
