package io.tenfold.auth.grant;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.auth.audit.AuditLog;
import io.tenfold.auth.client.ClientAuthentication;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.auth.policy.AccessPolicies;
import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.commons.scope.SmartScope;
import io.tenfold.auth.token.AccessTokens;
import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.event.AuditEvent;

/**
 * SMART Backend Services: a confidential client (secret or signed assertion) gets {@code system/} scopes for
 * itself, with no user. Only on a provider authorization server, and only for a client an access policy links.
 */
@ApplicationScoped
public class ClientCredentialsGrant {

    private final ClientAuthentication authentication;
    private final AccessPolicies policies;
    private final AccessTokens tokens;
    private final AuditLog audit;

    public ClientCredentialsGrant(ClientAuthentication authentication, AccessPolicies policies, AccessTokens tokens,
            AuditLog audit) {
        this.authentication = authentication;
        this.policies = policies;
        this.tokens = tokens;
        this.audit = audit;
    }

    public ObjectNode grant(TokenRequest request) {
        RegisteredClient client = authentication.authenticate(request.issuer().tenantKey(), request.authorization(),
                request.form(), request.issuer().endpoint("token")).client();
        if (client.isPublic() || !client.hasGrant("client_credentials")
                || !client.servesAudience(request.audience())) {
            throw refused(request, client, OAuthException.unauthorizedClient(
                    "This client may not use client_credentials here"));
        }
        if (!policies.linked(request.issuer().tenantKey(), "Client", client.id())) {
            throw refused(request, client, OAuthException.unauthorizedClient("No access policy allows this client"));
        }
        ScopeSet requested = request.param("scope") != null ? ScopeSet.parse(request.param("scope"))
                : client.maxScope();
        if (requested == null) {
            throw refused(request, client, OAuthException.invalidScope("scope is required"));
        }
        ScopeSet granted = requested.clinicalOnly(Set.of(SmartScope.Context.SYSTEM));
        if (client.maxScope() != null) {
            granted = granted.within(client.maxScope());
        }
        if (granted.isEmpty()) {
            throw refused(request, client, OAuthException.invalidScope("None of the requested scopes can be granted"));
        }
        AccessTokens.Issued token = tokens.issue(request.issuer(), client.id(), client.id(), granted.toString(),
                client.accessTokenLifetime(), Map.of());
        audit.record(new AuditEvent("token-issued", "success", request.issuer().tenantKey(),
                request.issuer().audience(), client.id(), null, request.sourceIp(), "client_credentials"));
        return TokenResponses.bearer(token, granted.toString());
    }

    private OAuthException refused(TokenRequest request, RegisteredClient client, OAuthException error) {
        audit.record(new AuditEvent("token-refused", "failure", request.issuer().tenantKey(),
                request.issuer().audience(), client.id(), null, request.sourceIp(), error.error()));
        return error;
    }
}
