package io.tenfold.fhir.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig.SignatureAlgorithm;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.vertx.ext.web.RoutingContext;

/**
 * quarkus-oidc's tenant for a request, from its path: {@code /tenant/{t}/{patient|provider}/smart-api/...}
 * accepts only tokens of that tenant's authorization server for that audience ({@code iss} and {@code aud} must
 * be theirs), signed ES256 with a key of that server's JWKS (fetched from auth-service inside the install and
 * cached by quarkus-oidc). Any other path gets the default tenant, which is disabled: no token works there.
 */
@ApplicationScoped
public class SmartTenantConfigResolver implements TenantConfigResolver {

    private static final String API = "/smart-api";

    private final String publicBaseUrl;
    private final String authUrl;

    public SmartTenantConfigResolver(PlatformConfig platform, AuthServerConfig auth) {
        this.publicBaseUrl = platform.publicBaseUrl();
        this.authUrl = auth.url().endsWith("/") ? auth.url().substring(0, auth.url().length() - 1) : auth.url();
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> request) {
        ApiPath api = ApiPath.of(context.normalizedPath());
        return Uni.createFrom().item(api == null ? null : config(api.tenant(), api.audience()));
    }

    /** The OIDC tenant id of a tenant's audience: also the key of the verified-token cache. */
    public static String oidcTenantId(TenantId tenant, Audience audience) {
        return tenant.value() + "/" + audience.segment();
    }

    OidcTenantConfig config(TenantId tenant, Audience audience) {
        String internalIssuer = authUrl + TenantPaths.PREFIX + tenant.value() + "/" + audience.segment() + "/auth";
        return OidcTenantConfig.builder()
                .tenantId(oidcTenantId(tenant, audience))
                .applicationType(io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType.SERVICE)
                .authServerUrl(internalIssuer)
                .discoveryEnabled(false)
                .jwksPath(internalIssuer + "/jwks")
                .token()
                    .issuer(TenantPaths.issuer(publicBaseUrl, tenant, audience))
                    .audience(TenantPaths.fhirBase(publicBaseUrl, tenant, audience))
                    .signatureAlgorithm(SignatureAlgorithm.ES256)
                    .end()
                .build();
    }

    /** The tenant and audience of a FHIR API path, or null for any other path. */
    record ApiPath(TenantId tenant, Audience audience) {

        static ApiPath of(String path) {
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
    }
}
