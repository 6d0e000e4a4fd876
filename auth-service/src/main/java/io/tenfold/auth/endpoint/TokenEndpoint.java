package io.tenfold.auth.endpoint;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.Blocking;
import io.tenfold.auth.grant.AuthorizationCodeGrant;
import io.tenfold.auth.grant.ClientCredentialsGrant;
import io.tenfold.auth.grant.RefreshTokenGrant;
import io.tenfold.auth.grant.TokenRequest;
import io.tenfold.auth.token.Issuer;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.Audience;
import io.vertx.core.http.HttpServerRequest;

/** The token endpoint of a tenant's authorization server (RFC 6749 §3.2). */
@Path("/tenant/{tenant}/{audience: patient|provider}/auth/token")
public class TokenEndpoint {

    private final TenantContext tenant;
    private final ClientCredentialsGrant clientCredentials;
    private final AuthorizationCodeGrant authorizationCode;
    private final RefreshTokenGrant refreshToken;
    private final String baseUrl;

    public TokenEndpoint(TenantContext tenant, ClientCredentialsGrant clientCredentials,
            AuthorizationCodeGrant authorizationCode, RefreshTokenGrant refreshToken, PlatformConfig platform) {
        this.tenant = tenant;
        this.clientCredentials = clientCredentials;
        this.authorizationCode = authorizationCode;
        this.refreshToken = refreshToken;
        this.baseUrl = platform.publicBaseUrl();
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response token(@PathParam("audience") String audience, String body, @Context HttpHeaders headers,
            @Context HttpServerRequest http) {
        Audience aud = Audience.ofPath(audience);
        TokenRequest request = new TokenRequest(Issuer.of(baseUrl, tenant.tenant(), aud), aud,
                OAuthForms.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body),
                headers.getHeaderString(HttpHeaders.AUTHORIZATION), SourceIp.of(http));
        String grantType = request.param("grant_type");
        if (grantType == null) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        ObjectNode response = switch (grantType) {
            case "client_credentials" -> clientCredentials.grant(request);
            case "authorization_code" -> authorizationCode.grant(request);
            case "refresh_token" -> refreshToken.grant(request);
            default -> throw OAuthException.unsupportedGrantType("Unsupported grant_type");
        };
        return NoStore.ok(response);
    }
}
