package io.tenfold.commons.security.smart;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.core.json.JsonObject;

/**
 * Turns a token quarkus-oidc verified (signature, issuer, audience, expiry) into the request's
 * {@link SmartAccess}, after the checks quarkus-oidc does not make: it must be an access token ({@code typ}
 * {@code at+jwt}, so no id token or launch token passes) and not revoked. Remembers it in {@link VerifiedTokens}.
 */
@ApplicationScoped
@IfBuildProperty(name = ProtectedApi.ENABLED, stringValue = "true")
public class SmartAccessAugmentor implements SecurityIdentityAugmentor {

    private static final String OIDC_TENANT_ATTRIBUTE = "tenant-id";
    private static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private final VerifiedTokens tokens;
    private final RevokedTokens revoked;

    public SmartAccessAugmentor(VerifiedTokens tokens, RevokedTokens revoked) {
        this.tokens = tokens;
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(SmartAccess.ATTRIBUTE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        String oidcTenant = identity.getAttribute(OIDC_TENANT_ATTRIBUTE);
        SmartAccess access = access(oidcTenant, jwt);
        tokens.remember(oidcTenant, jwt.getRawToken(), access);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(SmartAccess.ATTRIBUTE, access)
                .build());
    }

    SmartAccess access(String oidcTenant, JsonWebToken jwt) {
        int slash = oidcTenant == null ? -1 : oidcTenant.indexOf('/');
        if (slash < 0 || !ACCESS_TOKEN_TYPE.equals(headerType(jwt.getRawToken()))) {
            throw new AuthenticationFailedException("not an access token of this API");
        }
        String tokenId = jwt.getTokenID();
        if (tokenId != null && revoked.isRevoked(tokenId)) {
            throw new AuthenticationFailedException("token revoked");
        }
        ScopeSet scopes = ScopeSet.parse(jwt.getClaim("scope"));
        return new SmartAccess(new TenantId(oidcTenant.substring(0, slash)),
                Audience.ofPath(oidcTenant.substring(slash + 1)), jwt.getSubject(), jwt.getClaim("client_id"), scopes,
                scopes.clinical(), jwt.getClaim("patient"), jwt.getClaim("encounter"), jwt.getClaim("fhirUser"),
                tokenId, Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    private static String headerType(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return new JsonObject(header).getString("typ");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
