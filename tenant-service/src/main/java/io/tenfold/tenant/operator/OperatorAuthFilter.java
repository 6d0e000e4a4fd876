package io.tenfold.tenant.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenfold.commons.error.AuthenticationException;

/**
 * Operators authenticate with HTTP Basic as the bootstrap operator client, or with an operator bearer token from
 * auth-service's {@code /auth/token}. Secrets are compared in constant time; a missing or wrong credential is a
 * 401 with a {@code WWW-Authenticate} challenge, the same for every case.
 */
public class OperatorAuthFilter {

    private final byte[] expected;
    private final OperatorTokens tokens;

    public OperatorAuthFilter(OperatorConfig config, OperatorTokens tokens) {
        this.expected = digest(config.clientId() + ":" + config.secret());
        this.tokens = tokens;
    }

    @OperatorOnly
    @ServerRequestFilter
    public Uni<Void> authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            // Verifying may fetch the key set: off the event loop.
            return Uni.createFrom().item(() -> tokens.operator(token))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .map(operator -> {
                        if (operator.isEmpty()) {
                            throw unauthorized("Invalid operator token");
                        }
                        return null;
                    });
        }
        checkBasic(header);
        return Uni.createFrom().voidItem();
    }

    private void checkBasic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized("Operator credentials required (HTTP Basic or an operator bearer token)");
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("Malformed Basic credentials");
        }
        if (!MessageDigest.isEqual(expected, digest(credentials))) {
            throw unauthorized("Invalid operator credentials");
        }
    }

    private static AuthenticationException unauthorized(String message) {
        AuthenticationException e = new AuthenticationException("operator-unauthenticated", message);
        e.withHeader("WWW-Authenticate", "Basic realm=\"tenfold\", charset=\"UTF-8\", Bearer realm=\"tenfold\"");
        return e;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
