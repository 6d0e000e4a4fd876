package io.tenfold.auth.grant;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;

import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.auth.token.AccessTokens;
import io.tenfold.auth.token.Issuer;
import io.tenfold.auth.token.RefreshTokens;
import io.tenfold.commons.db.BlockingTx;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.core.json.JsonObject;

/**
 * The tokens of a user authorization (code or refresh): the access token with its launch context, an id token
 * when {@code openid} was granted (on the code exchange; a refresh does not sign a new one, RS256 being the
 * costliest step), a new refresh token when {@code offline_access} or {@code online_access} was, and the SMART
 * token response that carries them. The tokens are recorded in the grant's transaction.
 */
@ApplicationScoped
public class UserTokens {

    private static final long ID_TOKEN_LIFETIME = 300;
    /** An online_access refresh token lives as long as a login session. */
    private static final long ONLINE_LIFETIME = 8 * 3600;

    private final AccessTokens tokens;
    private final RefreshTokens refreshTokens;
    public UserTokens(AccessTokens tokens, RefreshTokens refreshTokens) {
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
    }

    /**
     * @param scope what the access token may do
     * @param grantScope what the whole authorization allows (the new refresh token keeps it, so narrowing one
     *        access token does not narrow the next ones)
     * @param nonce the authorization request's nonce; null on a refresh, which gets no new id token
     */
    public ObjectNode issue(BlockingTx tx, Issuer issuer, TenantId tenant, RegisteredClient client, String userId,
            ScopeSet scope, ScopeSet grantScope, JsonObject context, UUID familyId, String nonce, boolean withIdToken) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (context.getString("patient") != null) {
            claims.put("patient", context.getString("patient"));
        }
        if (context.getString("encounter") != null) {
            claims.put("encounter", context.getString("encounter"));
        }
        if (context.getString("fhirUser") != null) {
            claims.put("fhirUser", context.getString("fhirUser"));
        }
        AccessTokens.Issued access = tokens.issue(issuer, userId, client.id(), scope.toString(),
                client.accessTokenLifetime(), claims);
        ObjectNode response = TokenResponses.bearer(access, scope.toString());
        if (claims.containsKey("patient")) {
            response.put("patient", (String) claims.get("patient"));
        }
        if (claims.containsKey("encounter")) {
            response.put("encounter", (String) claims.get("encounter"));
        }
        response.put("need_patient_banner", context.getBoolean("need_patient_banner", true));
        response.put("smart_style_url", issuer.endpoint("smart-style.json"));
        if (withIdToken && scope.contains("openid")) {
            response.put("id_token", idToken(issuer, client, userId, context, nonce));
        }
        boolean offline = grantScope.contains("offline_access");
        RefreshTokens.NewRefresh refresh = null;
        if ((offline || grantScope.contains("online_access")) && client.state().refreshTokens()) {
            Instant expires = offline
                    ? (client.state().refreshTokenLifetime() > 0
                            ? Instant.now().plusSeconds(client.state().refreshTokenLifetime()) : null)
                    : Instant.now().plusSeconds(ONLINE_LIFETIME);
            refresh = new RefreshTokens.NewRefresh(issuer.audience(), client.id(), userId, grantScope.toString(),
                    context, expires);
        }
        String refreshToken = refreshTokens.record(tx, tenant, familyId, access.jti(), access.expiresAt(), refresh);
        if (refreshToken != null) {
            response.put("refresh_token", refreshToken);
        }
        return response;
    }

    private String idToken(Issuer issuer, RegisteredClient client, String userId, JsonObject context, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer.iss()).subject(userId)
                .audience(client.id()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ID_TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
        if (context.getString("fhirUser") != null) {
            claims.claim("fhirUser", context.getString("fhirUser"));
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return tokens.sign(issuer, JOSEObjectType.JWT, claims.build());
    }
}
