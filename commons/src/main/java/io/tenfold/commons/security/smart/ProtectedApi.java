package io.tenfold.commons.security.smart;

import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;

/**
 * What a resource server (fhir-service, bulk-service) protects with SMART access tokens, supplied by the service:
 * which of its paths take the tokens of which tenant's authorization server, and where auth-service publishes
 * their keys inside the install.
 */
public interface ProtectedApi {

    /** The build property that turns this package's beans on in a service. */
    String ENABLED = "tenfold.resource-server.enabled";

    /** The tenant and audience whose tokens {@code path} takes, or null for a path that takes none. */
    ApiPath match(String path);

    /** auth-service's internal URL, e.g. {@code http://auth-service:8080}. */
    String authUrl();

    /** The tenant of a path {@code /tenant/{t}{api}} or below it ({@code api} e.g. {@code /bulk-api}); else null. */
    static TenantId tenantUnder(String path, String api) {
        String segment = TenantPaths.tenantSegment(path);
        if (segment == null || !TenantId.isValid(segment)) {
            return null;
        }
        String rest = path.substring(TenantPaths.PREFIX.length() + segment.length());
        return rest.equals(api) || rest.startsWith(api + "/") ? new TenantId(segment) : null;
    }

    /** A tenant's audience: its authorization server issues the tokens a protected path takes. */
    record ApiPath(TenantId tenant, Audience audience) {

        /** The OIDC tenant id of this audience: also the key of the verified-token cache. */
        public String oidcTenantId() {
            return tenant.value() + "/" + audience.segment();
        }
    }
}
