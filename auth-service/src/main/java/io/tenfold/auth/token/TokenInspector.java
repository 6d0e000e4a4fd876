package io.tenfold.auth.token;

import java.text.ParseException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;

import io.tenfold.commons.tenant.TenantId;

/**
 * What a token presented to introspection or revocation is: a live access token of this issuer (signature,
 * type, issuer, expiry, not revoked), a refresh token of this issuer, or nothing.
 */
@ApplicationScoped
public class TokenInspector {

    /** A live access token. */
    public record Access(JWTClaimsSet claims, String clientId) {
    }

    private final AccessTokens tokens;
    private final TokenFamilies families;
    private final RefreshTokens refreshTokens;

    public TokenInspector(AccessTokens tokens, TokenFamilies families, RefreshTokens refreshTokens) {
        this.tokens = tokens;
        this.families = families;
        this.refreshTokens = refreshTokens;
    }

    public Optional<Access> access(Issuer issuer, String token) {
        if (token == null || token.length() > 16_384) {
            return Optional.empty();
        }
        return tokens.verify(issuer, AccessTokens.AT_JWT, token)
                .filter(claims -> !families.isRevoked(issuer.tenantKey(), claims.getJWTID()))
                .flatMap(claims -> {
                    try {
                        return Optional.of(new Access(claims, claims.getStringClaim("client_id")));
                    } catch (ParseException e) {
                        return Optional.empty();
                    }
                });
    }

    public Optional<RefreshTokens.Refresh> refresh(Issuer issuer, String token) {
        if (issuer.tenantKey().equals(TenantId.GLOBAL)) {
            return Optional.empty();
        }
        return refreshTokens.peek(new TenantId(issuer.tenantKey()), token)
                .filter(r -> r.audience().equals(issuer.audience()));
    }

    /** RFC 7662's answer for an access token. */
    public static ObjectNode describe(Access access, String tokenType) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JWTClaimsSet c = access.claims();
        out.put("active", true);
        out.put("token_type", tokenType);
        out.put("client_id", access.clientId());
        out.put("sub", c.getSubject());
        out.put("iss", c.getIssuer());
        out.putArray("aud").addAll(c.getAudience().stream().map(JsonNodeFactory.instance::textNode).toList());
        out.put("exp", c.getExpirationTime().toInstant().getEpochSecond());
        out.put("iat", c.getIssueTime().toInstant().getEpochSecond());
        out.put("jti", c.getJWTID());
        for (String claim : new String[] { "scope", "patient", "encounter", "fhirUser" }) {
            Object value = c.getClaim(claim);
            if (value != null) {
                out.put(claim, value.toString());
            }
        }
        return out;
    }
}
