package io.tenfold.auth.endpoint;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.tenfold.auth.key.SigningKeyRepository;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a client learns about a tenant's authorization server without credentials: its OpenID Provider
 * metadata and its JSON Web Key Set. Unknown tenants never get here (404 from the tenant filter).
 */
@Path("/tenant/{tenant}/{audience: patient|provider}/auth")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryEndpoint {

    private final TenantContext tenant;
    private final SigningKeyRepository keys;
    private final String baseUrl;

    public DiscoveryEndpoint(TenantContext tenant, SigningKeyRepository keys, PlatformConfig platform) {
        this.tenant = tenant;
        this.keys = keys;
        this.baseUrl = platform.publicBaseUrl();
    }

    @GET
    @Path("jwks")
    public Uni<Response> jwks(@PathParam("audience") String audience) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        return keys.publishedKeys(tenant.tenant(), Audience.ofPath(audience))
                .map(list -> Response.ok(new JsonObject().put("keys", new JsonArray(list)).encode())
                        .type("application/jwk-set+json;charset=utf-8").cacheControl(cache).build());
    }

    /** SMART's {@code smart_style_url}: how the clinic's pages look, for apps that want to match. */
    @GET
    @Path("smart-style.json")
    public Response style() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return Response.ok(new JsonObject().put("color_background", "#ffffff").put("color_error", "#b00020")
                .put("color_highlight", "#005eb8").put("color_modal_backdrop", "rgba(0,0,0,0.5)")
                .put("color_success", "#007f3b").put("color_text", "#212b32").put("dim_border_radius", "4px")
                .put("dim_font_size", "16px").put("dim_spacing_size", "16px")
                .put("font_family_body", "system-ui, sans-serif").put("font_family_heading", "system-ui, sans-serif")
                .encode()).type("application/json;charset=utf-8").cacheControl(cache).build();
    }

    @GET
    @Path(".well-known/openid-configuration")
    public ObjectNode openidConfiguration(@PathParam("audience") String audience) {
        TenantId id = tenant.tenant();
        Audience aud = Audience.ofPath(audience);
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("issuer", TenantPaths.issuer(baseUrl, id, aud));
        doc.put("authorization_endpoint", TenantPaths.authEndpoint(baseUrl, id, aud, "authorize"));
        doc.put("token_endpoint", TenantPaths.authEndpoint(baseUrl, id, aud, "token"));
        doc.put("userinfo_endpoint", TenantPaths.authEndpoint(baseUrl, id, aud, "userinfo"));
        doc.put("jwks_uri", TenantPaths.authEndpoint(baseUrl, id, aud, "jwks"));
        doc.put("introspection_endpoint", TenantPaths.authEndpoint(baseUrl, id, aud, "introspect"));
        doc.put("revocation_endpoint", TenantPaths.authEndpoint(baseUrl, id, aud, "revoke"));
        doc.putArray("response_types_supported").add("code");
        doc.putArray("subject_types_supported").add("public");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256");
        doc.putArray("grant_types_supported").add("authorization_code").add("client_credentials")
                .add("refresh_token");
        doc.putArray("token_endpoint_auth_methods_supported").add("private_key_jwt").add("client_secret_basic")
                .add("client_secret_post");
        doc.putArray("code_challenge_methods_supported").add("S256");
        doc.put("authorization_response_iss_parameter_supported", true);
        return doc;
    }
}
