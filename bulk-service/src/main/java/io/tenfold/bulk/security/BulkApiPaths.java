package io.tenfold.bulk.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.security.smart.ProtectedApi;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;

/**
 * A tenant's Bulk Data API, {@code /tenant/{t}/bulk-api/...}, takes the access tokens of that tenant's provider
 * authorization server (backend services: {@code client_credentials} with {@code system/} scopes), whose
 * audience is the tenant's provider FHIR API.
 */
@ApplicationScoped
public class BulkApiPaths implements ProtectedApi {

    static final String API = "/bulk-api";

    private final AuthServerConfig auth;

    public BulkApiPaths(AuthServerConfig auth) {
        this.auth = auth;
    }

    @Override
    public ApiPath match(String path) {
        TenantId tenant = ProtectedApi.tenantUnder(path, API);
        return tenant == null ? null : new ApiPath(tenant, Audience.PROVIDER);
    }

    @Override
    public String authUrl() {
        return auth.url();
    }
}
