package io.tenfold.commons.security.smart;

import java.util.Map;

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

    /**
     * The tenant and audience of a path {@code /tenant/{t}{api}} or below it, where {@code apis} maps each protected
     * API (e.g. {@code /bulk-api}) to the audience whose tokens it takes; null for any other path. The tenant
     * segment is read once, whatever the number of APIs (this runs on every request).
     */
    static ApiPath under(String path, Map<String, Audience> apis) {
        String segment = TenantPaths.tenantSegment(path);
        if (segment == null || !TenantId.isValid(segment)) {
            return null;
        }
        int restStart = TenantPaths.PREFIX.length() + segment.length();
        for (Map.Entry<String, Audience> api : apis.entrySet()) {
            String prefix = api.getKey();
            if (path.startsWith(prefix, restStart) && (path.length() == restStart + prefix.length()
                    || path.charAt(restStart + prefix.length()) == '/')) {
                return new ApiPath(new TenantId(segment), api.getValue());
            }
        }
        return null;
    }

    /** A tenant's audience: its authorization server issues the tokens a protected path takes. */
    record ApiPath(TenantId tenant, Audience audience) {

        /** The OIDC tenant id of this audience: also the key of the verified-token cache. */
        public String oidcTenantId() {
            return tenant.value() + "/" + audience.segment();
        }
    }
}
