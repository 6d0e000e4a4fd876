package io.tenfold.auth.support;

import java.util.List;
import java.util.UUID;

import io.tenfold.commons.event.ClientState;
import io.tenfold.commons.security.PasswordHashing;

/** Registrations of the kinds of clients the tests need (after Spring Authorization Server's TestRegisteredClients). */
public final class TestClients {

    private TestClients() {
    }

    public static String newId(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A backend service authenticating with a secret. */
    public static ClientState backendWithSecret(String tenant, String id, String secret, String maxScope) {
        return new ClientState(id, tenant, "backend-service", "Backend " + id, true, List.of("client_credentials"),
                List.of(), false, true, PasswordHashing.hash(secret), false, 300, 0, null, maxScope, null, null, 1);
    }

    /** A backend service authenticating with a signed assertion, its public keys registered. */
    public static ClientState backendWithKeys(String tenant, String id, String publicJwks, String maxScope) {
        return new ClientState(id, tenant, "backend-service", "Backend " + id, true, List.of("client_credentials"),
                List.of(), false, false, null, false, 300, 0, null, maxScope, publicJwks, null, 1);
    }

    public static final String REDIRECT = "https://app.example.org/callback";

    /** A public SMART app (a browser app): no secret, PKCE required, refresh tokens allowed. */
    public static ClientState publicApp(String tenant, String id, String type, String maxScope) {
        return new ClientState(id, tenant, type, "Growth Chart " + id, true,
                List.of("authorization_code", "refresh_token"), List.of(REDIRECT), true, false, null, true, 3600, 0,
                "https://app.example.org/launch", maxScope, null, null, 1);
    }

    /** A confidential SMART app with a secret. */
    public static ClientState confidentialApp(String tenant, String id, String secret) {
        return new ClientState(id, tenant, "smart-app", "Clinic App " + id, true,
                List.of("authorization_code", "refresh_token"), List.of(REDIRECT), false, true,
                PasswordHashing.hash(secret), true, 3600, 0, "https://app.example.org/launch", null, null, null, 1);
    }

    /** The same registration, changed. */
    public static ClientState inactive(ClientState c) {
        return new ClientState(c.id(), c.tenantId(), c.type(), c.name(), false, c.grantTypes(), c.redirectUris(),
                c.pkceRequired(), c.secretRequired(), c.secretHash(), c.refreshTokens(), c.accessTokenLifetime(),
                c.refreshTokenLifetime(), c.launchUri(), c.scope(), c.jwks(), c.jwksUri(), c.version() + 1);
    }
}
