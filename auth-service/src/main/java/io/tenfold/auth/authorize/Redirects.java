package io.tenfold.auth.authorize;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * Redirects back to a client's (exactly registered) redirect URI with a code or an error, {@code state} echoed
 * and the issuer named (RFC 9207), so a client talking to several servers knows which one answered.
 */
public final class Redirects {

    private Redirects() {
    }

    public static Response error(String redirectUri, String error, String description, String state,
            String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        if (state != null) {
            params.put("state", state);
        }
        params.put("iss", issuer);
        return to(redirectUri, params);
    }

    public static Response code(String redirectUri, String code, String state, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        if (state != null) {
            params.put("state", state);
        }
        params.put("iss", issuer);
        return to(redirectUri, params);
    }

    private static Response to(String redirectUri, Map<String, String> params) {
        StringBuilder url = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator).append(param.getKey()).append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return Response.status(302).location(URI.create(url.toString())).header("Cache-Control", "no-store").build();
    }

    /** A redirect within Tenfold (login, consent pages). */
    public static Response internal(String url) {
        return Response.status(303).location(URI.create(url)).header("Cache-Control", "no-store").build();
    }
}
