package io.tenfold.portal.landing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantPaths;

/** The front door of a tenant's patient portal. Unknown tenants never get here (404 from the tenant filter). */
@Path("/tenant/{tenant}/patient/portal")
public class LandingPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance landing(String clinic, String portalUrl, String fhirUrl);
    }

    private final TenantContext tenant;
    private final String baseUrl;

    public LandingPage(TenantContext tenant, PlatformConfig platform) {
        this.tenant = tenant;
        this.baseUrl = platform.publicBaseUrl();
    }

    /** {@code .../portal} and {@code .../portal/} are the same page (its links are absolute). */
    @GET
    @Path("/")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance landing() {
        return Templates.landing(tenant.name(), TenantPaths.portal(baseUrl, tenant.tenant()) + "/",
                TenantPaths.fhirBase(baseUrl, tenant.tenant(), Audience.PATIENT));
    }
}
