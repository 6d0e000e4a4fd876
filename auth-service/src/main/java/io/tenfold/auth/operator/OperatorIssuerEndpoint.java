package io.tenfold.auth.operator;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.tenfold.auth.audit.AuditLog;
import io.tenfold.auth.endpoint.OAuthForms;
import io.tenfold.auth.client.ClientAuthentication;
import io.tenfold.auth.grant.TokenResponses;
import io.tenfold.auth.key.SigningKeyRepository;
import io.tenfold.auth.token.AccessTokens;
import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The operator issuer at {@code /auth}: operator clients trade their credentials for a bearer token
 * ({@code client_credentials}) that the operator API accepts, verifiable with {@code /auth/jwks}.
 */
@Path("/auth")
public class OperatorIssuerEndpoint {

    private static final long LIFETIME = 3600;

    private final OperatorAuthentication operators;
    private final AccessTokens tokens;
    private final SigningKeyRepository keys;
    private final AuditLog audit;

    public OperatorIssuerEndpoint(OperatorAuthentication operators, AccessTokens tokens, SigningKeyRepository keys,
            AuditLog audit) {
        this.operators = operators;
        this.tokens = tokens;
        this.keys = keys;
        this.audit = audit;
    }

    @POST
    @Path("token")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response token(String body, @Context HttpHeaders headers) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>(
                OAuthForms.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body));
        if (!"client_credentials".equals(ClientAuthentication.single(form, "grant_type"))) {
            throw OAuthException.unsupportedGrantType("The operator issuer grants client_credentials only");
        }
        String operator = operators.authenticateClient(headers.getHeaderString(HttpHeaders.AUTHORIZATION), form);
        AccessTokens.Issued token = tokens.issue(operators.issuer(), operator, operator, "operator", LIFETIME,
                Map.of());
        audit.record(new AuditEvent("token-issued", "success", TenantId.GLOBAL, "operator", operator, null, null,
                "client_credentials"));
        return Response.ok(TokenResponses.bearer(token, "operator")).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    @GET
    @Path("jwks")
    public Uni<Response> jwks() {
        return keys.publishedKeys(TenantId.GLOBAL, OperatorKeys.AUDIENCE)
                .map(list -> Response.ok(new JsonObject().put("keys", new JsonArray(list)).encode())
                        .type("application/jwk-set+json;charset=utf-8").header("Cache-Control", "max-age=60")
                        .build());
    }
}
