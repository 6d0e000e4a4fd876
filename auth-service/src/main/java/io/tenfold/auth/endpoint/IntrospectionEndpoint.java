package io.tenfold.auth.endpoint;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.Blocking;
import io.tenfold.auth.client.ClientAuthentication;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.auth.token.Issuer;
import io.tenfold.auth.token.TokenInspector;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.Audience;

/**
 * Token introspection (RFC 7662). The caller authenticates as a client of this tenant; a confidential client
 * may introspect any token of this issuer (resource servers do), a public client only its own. Anything else is
 * {@code {"active": false}}, telling nothing more.
 */
@Path("/tenant/{tenant}/{audience: patient|provider}/auth/introspect")
public class IntrospectionEndpoint {

    private final TenantContext tenant;
    private final ClientAuthentication authentication;
    private final TokenInspector inspector;
    private final String baseUrl;

    public IntrospectionEndpoint(TenantContext tenant, ClientAuthentication authentication, TokenInspector inspector,
            PlatformConfig platform) {
        this.tenant = tenant;
        this.authentication = authentication;
        this.inspector = inspector;
        this.baseUrl = platform.publicBaseUrl();
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response introspect(@PathParam("audience") String audience, String body, @Context HttpHeaders headers) {
        Issuer issuer = Issuer.of(baseUrl, tenant.tenant(), Audience.ofPath(audience));
        TokenRequestOfClient request = TokenRequestOfClient.read(authentication, issuer, headers, body);
        RegisteredClient caller = request.caller();
        String token = request.token();
        ObjectNode answer = inspector.access(issuer, token)
                .filter(access -> !caller.isPublic() || caller.id().equals(access.clientId()))
                .map(access -> TokenInspector.describe(access, "Bearer"))
                .orElseGet(() -> inspector.refresh(issuer, token)
                        .filter(r -> !r.used() && !r.revoked() && !r.expired())
                        .filter(r -> !caller.isPublic() || caller.id().equals(r.clientId()))
                        .map(r -> {
                            ObjectNode out = JsonNodeFactory.instance.objectNode();
                            out.put("active", true).put("token_type", "refresh_token").put("client_id", r.clientId())
                                    .put("sub", r.userId()).put("scope", r.scope()).put("iss", issuer.iss());
                            return out;
                        })
                        .orElseGet(() -> JsonNodeFactory.instance.objectNode().put("active", false)));
        return NoStore.ok(answer);
    }
}
