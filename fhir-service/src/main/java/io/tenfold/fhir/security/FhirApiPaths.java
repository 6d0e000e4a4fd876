package io.tenfold.fhir.security;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.security.smart.ProtectedApi;
import io.tenfold.commons.tenant.Audience;

/**
 * The FHIR APIs take tokens by path: {@code /tenant/{t}/{patient|provider}/smart-api/...} only those of that
 * tenant's authorization server for that audience.
 */
@ApplicationScoped
public class FhirApiPaths implements ProtectedApi {

    private static final Map<String, Audience> APIS = Map.of(
            "/" + Audience.PATIENT.segment() + "/smart-api", Audience.PATIENT,
            "/" + Audience.PROVIDER.segment() + "/smart-api", Audience.PROVIDER);

    private final AuthServerConfig auth;

    public FhirApiPaths(AuthServerConfig auth) {
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
