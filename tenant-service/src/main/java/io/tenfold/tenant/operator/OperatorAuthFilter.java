package io.tenfold.tenant.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.tenfold.commons.error.AuthenticationException;

/**
 * Operators authenticate with HTTP Basic as the bootstrap operator client. Secrets are compared in constant
 * time; a missing or wrong credential is a 401 with a {@code WWW-Authenticate} challenge, the same for both.
 */
public class OperatorAuthFilter {

    private final byte[] expected;

    public OperatorAuthFilter(OperatorConfig config) {
        this.expected = digest(config.clientId() + ":" + config.secret());
    }

    @OperatorOnly
    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized("Operator credentials required (HTTP Basic)");
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
        e.withHeader("WWW-Authenticate", "Basic realm=\"tenfold\", charset=\"UTF-8\"");
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
