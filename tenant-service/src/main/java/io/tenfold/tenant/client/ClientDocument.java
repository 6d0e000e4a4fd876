package io.tenfold.tenant.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.commons.event.ClientState;
import io.tenfold.tenant.registry.Element;
import io.tenfold.tenant.registry.Header;
import io.tenfold.tenant.registry.RegistryDocument;
import io.tenfold.tenant.registry.Secret;

/**
 * A Client as an operator sends it, in Smartbox's shape. What it may do is checked here; whether it can
 * authenticate depends on the stored secret too (a PUT without {@code secret} keeps it), so that part is
 * {@link #checkCredentials(boolean)}.
 */
public record ClientDocument(Header header, String type, String name, boolean active, List<String> grantTypes,
        Secret secret, ClientAuth auth, String launchUri, ObjectNode jwks, String jwksUri, String scope,
        ObjectNode resource) implements RegistryDocument {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String OPERATOR = "operator";
    static final String BACKEND_SERVICE = "backend-service";

    private static final Set<String> TYPES = Set.of("smart-app", "patient-facing-smart-app",
            "provider-facing-smart-app", BACKEND_SERVICE, OPERATOR);
    private static final Set<String> GRANTS = Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS);
    private static final Set<String> ELEMENTS = Header.elements("type", "name", "description", "active",
            "grant_types", "secret", "auth", "smart", "jwks", "jwks_uri", "scope");
    private static final Set<String> SMART = Set.of("launch_uri");
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final int MIN_SECRET = 16;
    private static final int MAX_SECRET = 512;

    /** Validates a parsed body; {@code pathId} is the id of {@code PUT /Client/{id}}. */
    public static ClientDocument from(JsonNode body, String pathId) {
        Element root = Element.root(body, "Client").allowOnly(ELEMENTS);
        Header header = Header.read(root, pathId);
        String type = root.get("type").requiredText(64);
        if (!TYPES.contains(type)) {
            throw root.get("type").invalid("type-invalid", "Client.type must be one of " + TYPES.stream().sorted()
                    .toList());
        }
        String name = root.get("name").text(200);
        String description = root.get("description").text(2000);
        boolean active = root.get("active").bool(true);
        List<String> grants = grantTypes(root.get("grant_types"));
        checkType(root, header, type, grants);
        Secret secret = Secret.read(root.get("secret"), "secret", MIN_SECRET, MAX_SECRET);
        ClientAuth auth = ClientAuth.read(root.get("auth"), grants);
        Element smart = root.get("smart").object().allowOnly(SMART);
        String launchUri = ClientUris.web(smart.get("launch_uri"), "launch_uri-invalid");
        ObjectNode jwks = Jwks.read(root.get("jwks"));
        String jwksUri = ClientUris.https(root.get("jwks_uri"), "jwks_uri-invalid");
        if (jwks != null && jwksUri != null) {
            throw root.get("jwks_uri").invalid("jwks-conflict", "Client.jwks and Client.jwks_uri exclude each other");
        }
        String scope = scope(root.get("scope"));

        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.put("resourceType", "Client");
        resource.put("id", header.id());
        resource.put("type", type);
        putIfSet(resource, "name", name);
        putIfSet(resource, "description", description);
        resource.put("active", active);
        ArrayNode grantArray = resource.putArray("grant_types");
        grants.forEach(grantArray::add);
        if (!auth.isEmpty()) {
            resource.set("auth", auth.toJson());
        }
        if (launchUri != null) {
            resource.putObject("smart").put("launch_uri", launchUri);
        }
        if (jwks != null) {
            resource.set("jwks", jwks);
        }
        putIfSet(resource, "jwks_uri", jwksUri);
        putIfSet(resource, "scope", scope);
        resource.set("meta", header.meta());
        return new ClientDocument(header, type, name, active, grants, secret, auth, launchUri, jwks, jwksUri, scope,
                resource);
    }

    public ClientDocument withSecret(Secret hashed) {
        return new ClientDocument(header, type, name, active, grantTypes, hashed, auth, launchUri, jwks, jwksUri,
                scope, resource);
    }

    /**
     * How the client proves who it is, given whether it will have a secret after this write: a {@code
     * secret_required} client needs a secret, a public authorization-code client PKCE, a client-credentials
     * client a secret or keys.
     */
    public void checkCredentials(boolean hasSecret) {
        boolean hasKeys = jwks != null || jwksUri != null;
        if (auth.authorizationCode() != null && auth.authorizationCode().secretRequired() && !hasSecret) {
            throw new UnprocessableEntityException("secret-missing",
                    "auth.authorization_code.secret_required is true but the client has no secret", "Client.secret");
        }
        if (auth.authorizationCode() != null && !hasSecret && !hasKeys && !auth.authorizationCode().pkce()) {
            throw new UnprocessableEntityException("pkce-required", "A public client (no secret, no keys) must use "
                    + "PKCE: set auth.authorization_code.pkce to true", "Client.auth.authorization_code.pkce");
        }
        if (grantTypes.contains(CLIENT_CREDENTIALS) && !hasSecret && !hasKeys) {
            throw new UnprocessableEntityException("credentials-missing",
                    "A client_credentials client needs a secret, jwks or jwks_uri", "Client.secret");
        }
    }

    /** The client's state event, with the stored secret hash and version. */
    public ClientState state(String tenantId, String secretHash, long version) {
        ClientAuth.AuthorizationCode code = auth.authorizationCode();
        return new ClientState(id(), tenantId, type, name, active, grantTypes,
                code == null ? List.of() : code.redirectUris(), code != null && code.pkce(),
                code != null && code.secretRequired(), secretHash,
                grantTypes.contains(REFRESH_TOKEN) || code != null && code.refreshToken(),
                auth.accessTokenLifetime(), code == null ? 0 : code.refreshTokenExpiration(), launchUri, scope,
                jwks == null ? null : jwks.toString(), jwksUri, version);
    }

    private static List<String> grantTypes(Element element) {
        List<Element> items = element.items();
        if (items.isEmpty()) {
            throw element.invalid("grant_types-missing", "Client.grant_types must list at least one grant type");
        }
        Set<String> grants = new LinkedHashSet<>();
        for (Element item : items) {
            String grant = item.requiredText(64);
            if (!GRANTS.contains(grant)) {
                throw item.invalid("grant_types-invalid", item.path()
                        + " must be authorization_code, refresh_token or client_credentials");
            }
            grants.add(grant);
        }
        if (grants.contains(REFRESH_TOKEN) && !grants.contains(AUTHORIZATION_CODE)) {
            throw element.invalid("grant_types-invalid", "The refresh_token grant needs authorization_code");
        }
        return List.copyOf(grants);
    }

    private static String scope(Element element) {
        String value = element.text(4000);
        if (value == null) {
            return null;
        }
        List<String> tokens = new ArrayList<>();
        for (String token : value.trim().split("\\s+")) {
            if (!SCOPE_TOKEN.matcher(token).matches()) {
                throw element.invalid("scope-invalid", "Client.scope must be space-separated scopes");
            }
            tokens.add(token);
        }
        return String.join(" ", tokens);
    }

    /** Operator and backend-service clients use only client_credentials; operator clients alone are global. */
    private static void checkType(Element root, Header header, String type, List<String> grants) {
        if ((OPERATOR.equals(type) || BACKEND_SERVICE.equals(type)) && !grants.equals(List.of(CLIENT_CREDENTIALS))) {
            throw root.get("grant_types").invalid("grant_types-not-allowed",
                    "A " + type + " client uses only the client_credentials grant");
        }
        if (OPERATOR.equals(type) && header.tenantId() != null) {
            throw root.get("meta").get("tenant").invalid("tenant-not-allowed", "An operator client is global: it "
                    + "has no tenant");
        }
        if (!OPERATOR.equals(type) && header.tenantId() == null) {
            throw root.get("meta").get("tenant").invalid("tenant-missing",
                    "A " + type + " client belongs to a tenant: set Client.meta.tenant");
        }
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
