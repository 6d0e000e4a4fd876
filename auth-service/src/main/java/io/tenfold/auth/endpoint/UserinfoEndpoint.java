package io.tenfold.auth.endpoint;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.Blocking;
import io.tenfold.auth.token.Issuer;
import io.tenfold.auth.token.TokenInspector;
import io.tenfold.auth.user.UserDirectory;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.Audience;

/** OpenID Connect userinfo: who the token's user is, for a token granted {@code openid}. */
@Path("/tenant/{tenant}/{audience: patient|provider}/auth/userinfo")
public class UserinfoEndpoint {

    private final TenantContext tenant;
    private final TokenInspector inspector;
    private final UserDirectory users;
    private final String baseUrl;

    public UserinfoEndpoint(TenantContext tenant, TokenInspector inspector, UserDirectory users,
            PlatformConfig platform) {
        this.tenant = tenant;
        this.inspector = inspector;
        this.users = users;
        this.baseUrl = platform.publicBaseUrl();
    }

    @GET
    @Blocking
    public Response get(@PathParam("audience") String audience, @Context HttpHeaders headers) {
        return userinfo(audience, headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    @POST
    @Blocking
    public Response post(@PathParam("audience") String audience, @Context HttpHeaders headers) {
        return userinfo(audience, headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    private Response userinfo(String audience, String authorization) {
        Issuer issuer = Issuer.of(baseUrl, tenant.tenant(), Audience.ofPath(audience));
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        TokenInspector.Access access = inspector.access(issuer, token)
                .filter(a -> String.valueOf(a.claims().getClaim("scope")).contains("openid"))
                .orElseThrow(() -> new OAuthException(401, "invalid_token", "A valid access token is required")
                        .bearerChallenge());
        UserState user = users.byId(tenant.tenant().value(), access.claims().getSubject())
                .orElseThrow(() -> new OAuthException(401, "invalid_token", "The user no longer exists")
                        .bearerChallenge());
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("sub", user.id());
        Object fhirUser = access.claims().getClaim("fhirUser");
        if (fhirUser != null) {
            info.put("fhirUser", fhirUser.toString());
        }
        if (user.givenName() != null || user.familyName() != null) {
            info.put("given_name", user.givenName());
            info.put("family_name", user.familyName());
            info.put("name", ((user.givenName() == null ? "" : user.givenName()) + " "
                    + (user.familyName() == null ? "" : user.familyName())).trim());
        }
        return NoStore.ok(info);
    }
}
