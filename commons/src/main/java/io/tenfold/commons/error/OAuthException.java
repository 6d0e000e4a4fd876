package io.tenfold.commons.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error of an OAuth endpoint, answered as RFC 6749 JSON ({@code {"error": "...", "error_description":
 * "..."}}) by the {@link ErrorMapper}, with {@code Cache-Control: no-store}. {@code error} is one of the codes of
 * RFC 6749 §5.2 (or RFC 7009/7662/6750).
 */
public class OAuthException extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public OAuthException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        if (status == 401) {
            headers.put("WWW-Authenticate", "Basic realm=\"tenfold\"");
        }
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(401, "invalid_client", description);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(400, "unauthorized_client", description);
    }

    public static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(400, "unsupported_grant_type", description);
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description);
    }

    /** A 401 of a protected resource (RFC 6750): challenge for a bearer token instead of client credentials. */
    public OAuthException bearerChallenge() {
        headers.put("WWW-Authenticate", "Bearer realm=\"tenfold\", error=\"" + error + "\"");
        return this;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }
}
