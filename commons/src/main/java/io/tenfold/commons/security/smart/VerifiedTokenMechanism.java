package io.tenfold.commons.security.smart;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before quarkus-oidc: a bearer token this replica already verified for the same tenant and audience is
 * accepted from {@link VerifiedTokens} without checking its signature again. Anything else (no token, a new
 * token, another tenant's path) is left to quarkus-oidc, whose verified tokens {@link SmartAccessAugmentor}
 * remembers.
 */
@ApplicationScoped
@IfBuildProperty(name = ProtectedApi.ENABLED, stringValue = "true")
public class VerifiedTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final ProtectedApi api;
    private final VerifiedTokens tokens;
    private final RevokedTokens revoked;

    public VerifiedTokenMechanism(ProtectedApi api, VerifiedTokens tokens, RevokedTokens revoked) {
        this.api = api;
        this.tokens = tokens;
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        ProtectedApi.ApiPath path = api.match(context.normalizedPath());
        if (path == null) {
            return Uni.createFrom().nullItem();
        }
        SmartAccess access = tokens.find(path.oidcTenantId(),
                header.substring(BEARER.length()).trim());
        if (access == null || access.tokenId() != null && revoked.isRevoked(access.tokenId())) {
            // not seen before, or revoked since (a verification racing the revocation may have cached it):
            // the full verification decides, and refuses a revoked token
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(access.subject()))
                .addAttribute(SmartAccess.ATTRIBUTE, access)
                .build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 500;
    }
}
