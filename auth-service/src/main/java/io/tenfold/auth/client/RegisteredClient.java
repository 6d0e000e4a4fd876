package io.tenfold.auth.client;

import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.commons.event.ClientState;
import io.tenfold.commons.tenant.Audience;

/** A client as the authorization server sees it: its registration and what follows from it. */
public record RegisteredClient(ClientState state) {

    public String id() {
        return state.id();
    }

    public String tenantId() {
        return state.tenantId();
    }

    public boolean active() {
        return state.active();
    }

    /** A public client has no secret and no keys: it cannot authenticate, so it must use PKCE. */
    public boolean isPublic() {
        return state.secretHash() == null && state.jwks() == null && state.jwksUri() == null;
    }

    public boolean hasKeys() {
        return state.jwks() != null || state.jwksUri() != null;
    }

    public boolean hasGrant(String grantType) {
        return state.grantTypes() != null && state.grantTypes().contains(grantType);
    }

    public boolean isOperator() {
        return "operator".equals(state.type());
    }

    /** Which of a tenant's authorization servers may serve this client. */
    public boolean servesAudience(Audience audience) {
        return switch (state.type() == null ? "smart-app" : state.type()) {
            case "smart-app" -> true;
            case "patient-facing-smart-app" -> audience == Audience.PATIENT;
            case "provider-facing-smart-app", "backend-service" -> audience == Audience.PROVIDER;
            default -> false;
        };
    }

    /** The most this client may ever be granted; null when the registration sets no limit. */
    public ScopeSet maxScope() {
        return state.scope() == null || state.scope().isBlank() ? null : ScopeSet.parse(state.scope());
    }

    public long accessTokenLifetime() {
        return state.accessTokenLifetime() > 0 ? state.accessTokenLifetime() : 3600;
    }
}
