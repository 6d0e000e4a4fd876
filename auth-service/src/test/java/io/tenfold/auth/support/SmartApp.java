package io.tenfold.auth.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A SMART app and its user's browser, driven through the real pages: it sends the user to /authorize, the user
 * signs in and consents by posting the forms the pages render (with their own hidden fields), and the app
 * exchanges the code. Cookies are kept per authorization server path, as a browser keeps them.
 */
public final class SmartApp {

    private final String tenant;
    private final String audience;
    private final String clientId;
    /** A browser's cookie jar: cookies by path and name, sent only under their path. */
    private final Map<String, Cookie> cookies;
    public final String verifier = base64url(random(48));
    public final String state = "st-" + UUID.randomUUID() + "/?&=+";

    public SmartApp(String tenant, String audience, String clientId) {
        this(tenant, audience, clientId, new LinkedHashMap<>());
    }

    /** An app in a browser that other apps share (one cookie jar). */
    public SmartApp(String tenant, String audience, String clientId, Map<String, Cookie> jar) {
        this.tenant = tenant;
        this.audience = audience;
        this.clientId = clientId;
        this.cookies = jar;
    }

    public Map<String, Cookie> jar() {
        return cookies;
    }

    public String base() {
        return "/tenant/" + tenant + "/" + audience + "/auth";
    }

    public String fhirBase() {
        return "http://tenfold.test/tenant/" + tenant + "/" + audience + "/smart-api";
    }

    public String challenge() {
        try {
            return base64url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The /authorize parameters a well-behaved app sends. */
    public Map<String, String> authorizeParams(String scope) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", TestClients.REDIRECT);
        params.put("scope", scope);
        params.put("state", state);
        params.put("aud", fhirBase());
        params.put("code_challenge", challenge());
        params.put("code_challenge_method", "S256");
        return params;
    }

    public Response authorize(Map<String, String> params) {
        return browser().queryParams(params).get(base() + "/authorize");
    }

    /** Follows Tenfold's own redirects (login, consent) and returns the response that leaves Tenfold. */
    public Response follow(Response response) {
        while (response.statusCode() == 303) {
            keepCookies(response);
            response = browser().get(pathOf(response.header("Location")));
        }
        keepCookies(response);
        return response;
    }

    public Response login(Response loginPage, String email, String password) {
        HtmlForm form = HtmlForm.parse(loginPage.asString());
        Response response = browser().formParam("request", form.first("request")).formParam("csrf", form.first("csrf"))
                .formParam("email", email).formParam("password", password).post(pathOf(form.action()));
        keepCookies(response);
        return response;
    }

    /** Allows, with only the scopes kept ticked (null: all the page ticked). */
    public Response consent(Response consentPage, List<String> keep, String patient) {
        HtmlForm form = HtmlForm.parse(consentPage.asString());
        RequestSpecification post = browser().formParam("request", form.first("request"))
                .formParam("csrf", form.first("csrf")).formParam("decision", "allow");
        for (String scope : form.fields().getOrDefault("scope", List.of())) {
            if (keep == null || keep.contains(scope)) {
                post.formParam("scope", scope);
            }
        }
        if (patient != null) {
            post.formParam("patient", patient);
        }
        return post.post(pathOf(form.action()));
    }

    /**
     * The whole launch: authorize, sign in unless the session still holds, allow everything unless allowed
     * before; the redirect back to the app.
     */
    public Response launch(String scope, String email) {
        Response page = follow(authorize(authorizeParams(scope)));
        if (page.statusCode() == 200 && page.asString().contains("name=\"password\"")) {
            page = follow(login(page, email, TestUsers.PASSWORD));
        }
        return page.statusCode() == 200 ? consent(page, null, null) : page;
    }

    /** The query parameters of a redirect back to the app. */
    public static Map<String, String> callback(Response redirect) {
        assertEquals(302, redirect.statusCode(), () -> "expected a redirect to the app:\n" + redirect.asString());
        String location = redirect.header("Location");
        if (!location.startsWith(TestClients.REDIRECT)) {
            throw new AssertionError("redirected elsewhere: " + location);
        }
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    public Response exchange(String code, String codeVerifier) {
        RequestSpecification post = given().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", TestClients.REDIRECT).formParam("client_id", clientId);
        if (codeVerifier != null) {
            post.formParam("code_verifier", codeVerifier);
        }
        return post.post(base() + "/token");
    }

    public Response refresh(String refreshToken, String scope) {
        RequestSpecification post = given().formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken).formParam("client_id", clientId);
        if (scope != null) {
            post.formParam("scope", scope);
        }
        return post.post(base() + "/token");
    }

    public Response introspect(String token) {
        return given().formParam("token", token).formParam("client_id", clientId).post(base() + "/introspect");
    }

    /** Requests under this app's authorization server, with the cookies a browser would send there. */
    public RequestSpecification browser() {
        RequestSpecification spec = given().redirects().follow(false).accept("text/html");
        cookies.values().stream().filter(c -> c.getPath() == null || base().startsWith(c.getPath()))
                .forEach(c -> spec.cookie(c.getName(), c.getValue()));
        return spec;
    }

    private void keepCookies(Response response) {
        response.getDetailedCookies().asList().forEach(c -> cookies.put(c.getPath() + "|" + c.getName(), c));
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
