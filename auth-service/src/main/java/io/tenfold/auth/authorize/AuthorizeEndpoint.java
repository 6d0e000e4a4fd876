package io.tenfold.auth.authorize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.smallrye.common.annotation.Blocking;
import io.tenfold.auth.client.ClientDirectory;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.auth.policy.AccessPolicies;
import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.auth.session.Sessions;
import io.tenfold.auth.token.Issuer;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.vertx.core.json.JsonObject;

/**
 * The authorization endpoint (RFC 6749 §3.1, SMART App Launch), GET or POST. Problems with the client or its
 * redirect URI are shown on an error page and never redirected (an attacker's URI must not get anything);
 * every other problem is redirected to the client with {@code error} and the {@code state} it sent.
 */
@Path("/tenant/{tenant}/{audience: patient|provider}/auth/authorize")
public class AuthorizeEndpoint {

    private final TenantContext tenant;
    private final ClientDirectory clients;
    private final AccessPolicies policies;
    private final PendingRequests pending;
    private final LaunchTokens launches;
    private final Sessions sessions;
    private final String baseUrl;

    public AuthorizeEndpoint(TenantContext tenant, ClientDirectory clients, AccessPolicies policies,
            PendingRequests pending, LaunchTokens launches, Sessions sessions, PlatformConfig platform) {
        this.tenant = tenant;
        this.clients = clients;
        this.policies = policies;
        this.pending = pending;
        this.launches = launches;
        this.sessions = sessions;
        this.baseUrl = platform.publicBaseUrl();
    }

    @GET
    @Blocking
    public Response get(@PathParam("audience") String audience, @Context UriInfo uri,
            @CookieParam(Sessions.COOKIE) String session) {
        return authorize(Audience.ofPath(audience), uri.getQueryParameters(), session);
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@PathParam("audience") String audience, MultivaluedMap<String, String> form,
            @CookieParam(Sessions.COOKIE) String session, @Context HttpHeaders headers) {
        return authorize(Audience.ofPath(audience), form, session);
    }

    private Response authorize(Audience audience, MultivaluedMap<String, String> params, String session) {
        TenantId tenantId = tenant.tenant();
        Issuer issuer = Issuer.of(baseUrl, tenantId, audience);
        String clientId = single(params, "client_id");
        String redirectUri = single(params, "redirect_uri");
        RegisteredClient client = clientId == null ? null
                : clients.find(tenantId.value(), clientId).filter(RegisteredClient::active)
                        .filter(c -> c.hasGrant("authorization_code") && c.servesAudience(audience)).orElse(null);
        if (client == null) {
            throw new InvalidRequestException("authorize-client-unknown",
                    "This application is not registered with this authorization server.");
        }
        if (redirectUri == null || client.state().redirectUris() == null
                || !client.state().redirectUris().contains(redirectUri)) {
            throw new InvalidRequestException("authorize-redirect-uri-mismatch",
                    "The redirect_uri is not one registered for this application.");
        }
        String state = single(params, "state");
        try {
            if (!"code".equals(single(params, "response_type"))) {
                throw new OAuthException(400, "unsupported_response_type", "Only response_type=code is supported");
            }
            String aud = single(params, "aud");
            String fhirBase = TenantPaths.fhirBase(baseUrl, tenantId, audience);
            if (aud == null || !(aud.equals(fhirBase) || aud.equals(fhirBase + "/"))) {
                throw OAuthException.invalidRequest("aud must be this server's FHIR base URL " + fhirBase);
            }
            String challenge = pkce(client, single(params, "code_challenge"), single(params, "code_challenge_method"));
            ScopeSet scope = ScopeSet.parse(single(params, "scope"));
            if (scope.isEmpty()) {
                throw OAuthException.invalidScope("scope is required");
            }
            if (!policies.linked(tenantId.value(), "Client", client.id())) {
                throw OAuthException.unauthorizedClient("No access policy allows this application");
            }
            JsonObject launchContext = launch(issuer, client, single(params, "launch"), scope);
            PendingRequest request = new PendingRequest(audience.segment(), client.id(), redirectUri,
                    scope.toString(), state, single(params, "nonce"), challenge, launchContext, null);
            PendingRequests.Handle handle = pending.create(tenantId, request);
            Optional<String> user = sessions.user(tenantId, audience, session);
            String next = user.isPresent() ? "consent" : "login";
            user.ifPresent(id -> pending.attachUser(tenantId, handle.id(), id));
            return Redirects.internal(issuer.endpoint(next) + "?request=" + handle.id());
        } catch (OAuthException e) {
            return Redirects.error(redirectUri, e.error(), e.description(), state, issuer.iss());
        }
    }

    private static String pkce(RegisteredClient client, String challenge, String method) {
        if (challenge == null) {
            if (method != null || client.isPublic() || client.state().pkceRequired()) {
                throw OAuthException.invalidRequest("code_challenge (PKCE, S256) is required");
            }
            return null;
        }
        if (!"S256".equals(method)) {
            throw OAuthException.invalidRequest("code_challenge_method must be S256");
        }
        if (!Pkce.isValidChallenge(challenge)) {
            throw OAuthException.invalidRequest("code_challenge is malformed");
        }
        return challenge;
    }

    private JsonObject launch(Issuer issuer, RegisteredClient client, String launch, ScopeSet scope) {
        if (launch == null) {
            if (scope.contains("launch")) {
                throw OAuthException.invalidRequest("The launch scope needs a launch parameter (EHR launch)");
            }
            return null;
        }
        LaunchTokens.Launch verified = launches.verify(issuer, launch)
                .filter(l -> client.id().equals(l.clientId()))
                .orElseThrow(() -> OAuthException.invalidRequest("launch is invalid, expired or for another app"));
        Map<String, Object> context = new LinkedHashMap<>(verified.context());
        return new JsonObject().put("user", verified.userId()).put("context", new JsonObject(context));
    }

    private static String single(MultivaluedMap<String, String> params, String name) {
        var values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidRequestException("authorize-parameter-repeated", "Parameter " + name + " is repeated");
        }
        String value = values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }
}
