package io.tenfold.auth.endpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import io.tenfold.commons.error.OAuthException;

/**
 * The body of an OAuth request: {@code application/x-www-form-urlencoded} only (RFC 6749 §3.2); anything else is
 * an {@code invalid_request}, answered the OAuth way rather than with a 415 OperationOutcome.
 */
public final class OAuthForms {

    private OAuthForms() {
    }

    public static MultivaluedMap<String, String> parse(String contentType, String body) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/x-www-form-urlencoded")) {
            throw OAuthException.invalidRequest("The body must be application/x-www-form-urlencoded");
        }
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.add(name, value);
            }
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("Malformed form body");
        }
        return form;
    }
}
