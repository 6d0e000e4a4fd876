package io.tenfold.bulk.security;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.security.smart.ProtectedApi;
import io.tenfold.commons.tenant.Audience;

/**
 * A tenant's Bulk Data API, {@code /tenant/{t}/bulk-api/...}, takes the access tokens of that tenant's provider
 * authorization server (backend services: {@code client_credentials} with {@code system/} scopes), whose
 * audience is the tenant's provider FHIR API.
 */
@ApplicationScoped
public class BulkApiPaths implements ProtectedApi {

    private static final Map<String, Audience> APIS = Map.of("/bulk-api", Audience.PROVIDER);

    private final AuthServerConfig auth;

    public BulkApiPaths(AuthServerConfig auth) {
        this.auth = auth;
    }

    @Override
    public ApiPath match(String path) {
        return ProtectedApi.under(path, APIS);
    }

    @Override
    public String authUrl() {
        return auth.url();
    }
}
