package io.tenfold.auth.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;

import io.tenfold.auth.client.ClientAuthentication;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.auth.token.Issuer;
import io.tenfold.auth.token.TokenInspector;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.AuthenticationException;
import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.tenant.TenantId;

/**
 * Who is an operator at auth-service: the bootstrap operator client (HTTP Basic), a registered operator client
 * (HTTP Basic with its secret), or the bearer of an operator access token from {@code /auth/token}.
 */
@ApplicationScoped
public class OperatorAuthentication {

    private final byte[] bootstrap;
    private final String bootstrapId;
    private final ClientAuthentication clients;
    private final TokenInspector inspector;
    private final Issuer issuer;

    public OperatorAuthentication(OperatorConfig config, ClientAuthentication clients, TokenInspector inspector,
            PlatformConfig platform) {
        this.bootstrapId = config.clientId();
        this.bootstrap = digest(config.clientId() + ":" + config.secret());
        this.clients = clients;
        this.inspector = inspector;
        this.issuer = Issuer.operator(platform.publicBaseUrl());
    }

    public Issuer issuer() {
        return issuer;
    }

    /** The operator client's id; an OAuth {@code invalid_client} for anyone else (token endpoint). */
    public String authenticateClient(String authorization, MultivaluedHashMap<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && MessageDigest.isEqual(bootstrap, digest(decode(authorization)))) {
            return bootstrapId;
        }
        RegisteredClient client = clients.authenticate(TenantId.GLOBAL, authorization, form, issuer.endpoint("token"))
                .client();
        if (!client.isOperator()) {
            throw OAuthException.invalidClient("Client authentication failed");
        }
        return client.id();
    }

    /** The operator behind a request to an operator endpoint; a 401 OperationOutcome for anyone else. */
    public String authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return inspector.access(issuer, authorization.substring(7).trim())
                    .map(TokenInspector.Access::clientId)
                    .orElseThrow(OperatorAuthentication::unauthorized);
        }
        try {
            return authenticateClient(authorization, new MultivaluedHashMap<>());
        } catch (OAuthException e) {
            throw unauthorized();
        }
    }

    private static AuthenticationException unauthorized() {
        AuthenticationException e = new AuthenticationException("operator-unauthenticated",
                "Operator credentials required (HTTP Basic or an operator bearer token)");
        e.withHeader("WWW-Authenticate", "Basic realm=\"tenfold\", Bearer realm=\"tenfold\"");
        return e;
    }

    private static String decode(String basic) {
        try {
            return new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
