package io.tenfold.tenant.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.tenant.registry.Element;

/**
 * A client's {@code auth}: per grant, its settings, as Smartbox has them. {@code auth.authorization_code}:
 * {@code redirect_uri} (a string or a list), {@code refresh_token}, {@code token_format: jwt},
 * {@code access_token_expiration} (seconds, default 3600), {@code refresh_token_expiration} (seconds, default 0:
 * no expiry beyond the grant's), {@code secret_required}, {@code pkce}. {@code auth.client_credentials}:
 * {@code access_token_expiration}, {@code token_format: jwt}. A section needs its grant in {@code grant_types}.
 */
public record ClientAuth(AuthorizationCode authorizationCode, ClientCredentials clientCredentials) {

    /** {@code auth.authorization_code} with its defaults filled in. */
    public record AuthorizationCode(List<String> redirectUris, boolean refreshToken, long accessTokenExpiration,
            long refreshTokenExpiration, boolean secretRequired, boolean pkce) {
    }

    /** {@code auth.client_credentials} with its defaults filled in. */
    public record ClientCredentials(long accessTokenExpiration) {
    }

    static final long DEFAULT_ACCESS = 3600;
    private static final long MAX_ACCESS = 86_400;
    private static final long MAX_REFRESH = 31_536_000;
    private static final Set<String> SECTIONS = Set.of(ClientDocument.AUTHORIZATION_CODE,
            ClientDocument.CLIENT_CREDENTIALS);
    private static final Set<String> CODE = Set.of("redirect_uri", "refresh_token", "token_format",
            "access_token_expiration", "refresh_token_expiration", "secret_required", "pkce");
    private static final Set<String> CREDENTIALS = Set.of("access_token_expiration", "token_format");

    static ClientAuth read(Element auth, List<String> grants) {
        auth.object().allowOnly(SECTIONS);
        Element code = section(auth, ClientDocument.AUTHORIZATION_CODE, grants).allowOnly(CODE);
        Element credentials = section(auth, ClientDocument.CLIENT_CREDENTIALS, grants).allowOnly(CREDENTIALS);
        AuthorizationCode authorizationCode = null;
        if (grants.contains(ClientDocument.AUTHORIZATION_CODE)) {
            tokenFormat(code);
            authorizationCode = new AuthorizationCode(redirectUris(code.get("redirect_uri")),
                    code.get("refresh_token").bool(false),
                    code.get("access_token_expiration").integer(DEFAULT_ACCESS, 1, MAX_ACCESS),
                    code.get("refresh_token_expiration").integer(0, 0, MAX_REFRESH),
                    code.get("secret_required").bool(false),
                    code.get("pkce").bool(false));
        }
        ClientCredentials clientCredentials = null;
        if (grants.contains(ClientDocument.CLIENT_CREDENTIALS)) {
            tokenFormat(credentials);
            clientCredentials = new ClientCredentials(
                    credentials.get("access_token_expiration").integer(DEFAULT_ACCESS, 1, MAX_ACCESS));
        }
        return new ClientAuth(authorizationCode, clientCredentials);
    }

    boolean isEmpty() {
        return authorizationCode == null && clientCredentials == null;
    }

    /** The lifetime of access tokens: the authorization-code grant's, else the client-credentials grant's. */
    long accessTokenLifetime() {
        if (authorizationCode != null) {
            return authorizationCode.accessTokenExpiration();
        }
        return clientCredentials == null ? DEFAULT_ACCESS : clientCredentials.accessTokenExpiration();
    }

    ObjectNode toJson() {
        ObjectNode auth = JsonNodeFactory.instance.objectNode();
        if (authorizationCode != null) {
            ObjectNode code = auth.putObject(ClientDocument.AUTHORIZATION_CODE);
            List<String> uris = authorizationCode.redirectUris();
            if (uris.size() == 1) {
                code.put("redirect_uri", uris.get(0));
            } else {
                ArrayNode array = code.putArray("redirect_uri");
                uris.forEach(array::add);
            }
            code.put("refresh_token", authorizationCode.refreshToken());
            code.put("token_format", "jwt");
            code.put("access_token_expiration", authorizationCode.accessTokenExpiration());
            code.put("refresh_token_expiration", authorizationCode.refreshTokenExpiration());
            code.put("secret_required", authorizationCode.secretRequired());
            code.put("pkce", authorizationCode.pkce());
        }
        if (clientCredentials != null) {
            auth.putObject(ClientDocument.CLIENT_CREDENTIALS)
                    .put("access_token_expiration", clientCredentials.accessTokenExpiration())
                    .put("token_format", "jwt");
        }
        return auth;
    }

    /** A section of {@code auth}, refused when its grant is not in {@code grant_types}. */
    private static Element section(Element auth, String grant, List<String> grants) {
        Element section = auth.get(grant).object();
        if (section.isPresent() && !grants.contains(grant)) {
            throw section.invalid("auth-grant-mismatch", section.path() + " is set but grant_types lacks " + grant);
        }
        return section;
    }

    private static void tokenFormat(Element section) {
        String format = section.get("token_format").text(16);
        if (format != null && !format.equals("jwt")) {
            throw section.get("token_format").invalid("token_format-invalid", section.path()
                    + ".token_format must be jwt");
        }
    }

    /** {@code redirect_uri}: one string or a list; at least one. */
    private static List<String> redirectUris(Element element) {
        List<Element> items = element.isPresent() && element.node().isTextual() ? List.of(element) : element.items();
        if (items.isEmpty()) {
            throw element.invalid("redirect_uri-missing", "An authorization_code client needs at least one "
                    + "redirect_uri");
        }
        List<String> uris = new ArrayList<>();
        for (Element item : items) {
            String uri = ClientUris.web(item, "redirect_uri-invalid");
            if (uri == null) {
                throw item.invalid("redirect_uri-invalid", item.path() + " must be a URL");
            }
            if (!uris.contains(uri)) {
                uris.add(uri);
            }
        }
        return List.copyOf(uris);
    }
}
