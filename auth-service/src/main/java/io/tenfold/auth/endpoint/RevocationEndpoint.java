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

import io.smallrye.common.annotation.Blocking;
import io.tenfold.auth.audit.AuditLog;
import io.tenfold.auth.client.ClientAuthentication;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.auth.token.Issuer;
import io.tenfold.auth.token.TokenFamilies;
import io.tenfold.auth.token.TokenInspector;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;

/**
 * Token revocation (RFC 7009): a client revokes its own access or refresh token (a refresh token takes its
 * whole family with it). The answer is 200 whether or not there was anything to revoke.
 */
@Path("/tenant/{tenant}/{audience: patient|provider}/auth/revoke")
public class RevocationEndpoint {

    private final TenantContext tenant;
    private final ClientAuthentication authentication;
    private final TokenInspector inspector;
    private final TokenFamilies families;
    private final AuditLog audit;
    private final String baseUrl;

    public RevocationEndpoint(TenantContext tenant, ClientAuthentication authentication, TokenInspector inspector,
            TokenFamilies families, AuditLog audit, PlatformConfig platform) {
        this.tenant = tenant;
        this.authentication = authentication;
        this.inspector = inspector;
        this.families = families;
        this.audit = audit;
        this.baseUrl = platform.publicBaseUrl();
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response revoke(@PathParam("audience") String audience, String body, @Context HttpHeaders headers) {
        Issuer issuer = Issuer.of(baseUrl, tenant.tenant(), Audience.ofPath(audience));
        TokenRequestOfClient request = TokenRequestOfClient.read(authentication, issuer, headers, body);
        RegisteredClient caller = request.caller();
        String token = request.token();
        boolean revoked = inspector.access(issuer, token).filter(a -> caller.id().equals(a.clientId())).map(a -> {
            families.revokeAccessToken(issuer.tenantKey(), a.claims().getJWTID(),
                    a.claims().getExpirationTime().toInstant());
            return true;
        }).orElseGet(() -> inspector.refresh(issuer, token).filter(r -> caller.id().equals(r.clientId())).map(r -> {
            families.revoke(new TenantId(issuer.tenantKey()), r.familyId());
            return true;
        }).orElse(false));
        if (revoked) {
            audit.record(new AuditEvent("token-revoked", "success", issuer.tenantKey(), issuer.audience(),
                    caller.id(), null, null, null));
        }
        return NoStore.ok(JsonNodeFactory.instance.objectNode());
    }
}
