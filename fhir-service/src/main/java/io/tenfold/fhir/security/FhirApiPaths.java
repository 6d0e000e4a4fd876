package io.tenfold.fhir.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.security.smart.ProtectedApi;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;

/**
 * The FHIR APIs take tokens by path: {@code /tenant/{t}/{patient|provider}/smart-api/...} only those of that
 * tenant's authorization server for that audience.
 */
@ApplicationScoped
public class FhirApiPaths implements ProtectedApi {

    private static final String API = "/smart-api";

    private final AuthServerConfig auth;

    public FhirApiPaths(AuthServerConfig auth) {
        this.auth = auth;
    }

    @Override
    public ApiPath match(String path) {
        for (Audience audience : Audience.values()) {
            TenantId tenant = ProtectedApi.tenantUnder(path, "/" + audience.segment() + API);
            if (tenant != null) {
                return new ApiPath(tenant, audience);
            }
        }
        return null;
    }

    @Override
    public String authUrl() {
        return auth.url();
    }
}
