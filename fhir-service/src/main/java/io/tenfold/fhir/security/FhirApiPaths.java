package io.tenfold.fhir.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.security.smart.ProtectedApi;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;

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
        String segment = TenantPaths.tenantSegment(path);
        if (segment == null || !TenantId.isValid(segment)) {
            return null;
        }
        String rest = path.substring(TenantPaths.PREFIX.length() + segment.length());
        for (Audience audience : Audience.values()) {
            String prefix = "/" + audience.segment() + API;
            if (rest.equals(prefix) || rest.startsWith(prefix + "/")) {
                return new ApiPath(new TenantId(segment), audience);
            }
        }
        return null;
    }

    @Override
    public String authUrl() {
        return auth.url();
    }
}
