package io.tenfold.commons.security.smart;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.SignatureAlgorithm;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.vertx.ext.web.RoutingContext;

/**
 * quarkus-oidc's tenant for a request, from its path ({@link ProtectedApi#match}): a protected path accepts only
 * tokens of its tenant's authorization server for its audience ({@code iss} and {@code aud} must be theirs),
 * signed ES256 with a key of that server's JWKS (fetched from auth-service inside the install and cached by
 * quarkus-oidc). Any other path gets the default tenant, which is disabled: no token works there.
 */
@ApplicationScoped
@IfBuildProperty(name = ProtectedApi.ENABLED, stringValue = "true")
public class SmartTenantConfigResolver implements TenantConfigResolver {

    private final String publicBaseUrl;
    private final ProtectedApi api;
    private final String authUrl;

    public SmartTenantConfigResolver(PlatformConfig platform, ProtectedApi api) {
        this.publicBaseUrl = platform.publicBaseUrl();
        this.api = api;
        this.authUrl = api.authUrl().endsWith("/") ? api.authUrl().substring(0, api.authUrl().length() - 1)
                : api.authUrl();
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> request) {
        ProtectedApi.ApiPath path = api.match(context.normalizedPath());
        return Uni.createFrom().item(path == null ? null : config(path));
    }

    OidcTenantConfig config(ProtectedApi.ApiPath path) {
        TenantId tenant = path.tenant();
        Audience audience = path.audience();
        String internalIssuer = authUrl + TenantPaths.PREFIX + tenant.value() + "/" + audience.segment() + "/auth";
        return OidcTenantConfig.builder()
                .tenantId(path.oidcTenantId())
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
}
