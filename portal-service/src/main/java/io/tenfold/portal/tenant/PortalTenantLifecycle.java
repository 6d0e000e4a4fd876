package io.tenfold.portal.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.projection.TenantLifecycle;

/** The portal keeps nothing per tenant but the projection itself: knowing the tenant is all it takes. */
@ApplicationScoped
public class PortalTenantLifecycle implements TenantLifecycle {
}
