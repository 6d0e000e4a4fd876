package io.tenfold.bulk.discovery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What a Bulk Data client reads before it exports, without a token: the bulk API's CapabilityStatement (the
 * export operations at each level, the token endpoint) and its {@code .well-known/smart-configuration} (SMART
 * Backend Services: the tenant's provider authorization server, {@code client_credentials} with
 * {@code private_key_jwt} or a secret, {@code system/} scopes). Clients such as Inferno's bulk data tests and the
 * SMART bulk-data client take the bulk base as their FHIR server and discover from there.
 */
@Path("/tenant/{tenant}/bulk-api")
public class BulkDiscoveryApi {

    private static final String BULK = "http://hl7.org/fhir/uv/bulkdata/";
    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    private static final String STARTED = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
            .toString();

    private final String baseUrl;

    public BulkDiscoveryApi(PlatformConfig platform) {
        this.baseUrl = platform.publicBaseUrl();
    }

    @GET
    @Path("metadata")
    public Response metadata(@PathParam("tenant") String tenant) {
        TenantId id = new TenantId(tenant);
        JsonObject security = new JsonObject().put("cors", true)
                .put("service", new JsonArray().add(new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                        .put("system", "http://terminology.hl7.org/CodeSystem/restful-security-service")
                        .put("code", "SMART-on-FHIR")))))
                .put("extension", new JsonArray().add(new JsonObject().put("url", OAUTH_URIS)
                        .put("extension", new JsonArray()
                                // the extension requires authorize; backend services only use the token endpoint
                                .add(new JsonObject().put("url", "authorize").put("valueUri",
                                        TenantPaths.authEndpoint(baseUrl, id, Audience.PROVIDER, "authorize")))
                                .add(new JsonObject().put("url", "token").put("valueUri", token(id))))));
        JsonObject rest = new JsonObject().put("mode", "server").put("security", security)
                .put("resource", new JsonArray()
                        .add(level("Patient", "patient-export"))
                        .add(level("Group", "group-export")))
                .put("operation", new JsonArray().add(operation("export")));
        JsonObject statement = new JsonObject().put("resourceType", "CapabilityStatement").put("status", "active")
                .put("date", STARTED).put("kind", "instance")
                .put("instantiates", new JsonArray().add(BULK + "CapabilityStatement/bulk-data"))
                .put("software", new JsonObject().put("name", "Tenfold bulk-service"))
                .put("implementation", new JsonObject().put("description", "Bulk Data API of tenant " + tenant)
                        .put("url", TenantPaths.bulkBase(baseUrl, id)))
                .put("fhirVersion", "4.0.1").put("format", new JsonArray().add("json"))
                .put("rest", new JsonArray().add(rest));
        return Response.ok(statement.encode(), "application/fhir+json").build();
    }

    @GET
    @Path(".well-known/smart-configuration")
    public Response smartConfiguration(@PathParam("tenant") String tenant) {
        TenantId id = new TenantId(tenant);
        JsonObject doc = new JsonObject()
                .put("issuer", TenantPaths.issuer(baseUrl, id, Audience.PROVIDER))
                .put("jwks_uri", TenantPaths.authEndpoint(baseUrl, id, Audience.PROVIDER, "jwks"))
                .put("token_endpoint", token(id))
                .put("introspection_endpoint", TenantPaths.authEndpoint(baseUrl, id, Audience.PROVIDER, "introspect"))
                .put("revocation_endpoint", TenantPaths.authEndpoint(baseUrl, id, Audience.PROVIDER, "revoke"))
                .put("grant_types_supported", new JsonArray().add("client_credentials"))
                .put("token_endpoint_auth_methods_supported", new JsonArray().add("private_key_jwt")
                        .add("client_secret_basic").add("client_secret_post"))
                .put("token_endpoint_auth_signing_alg_values_supported", new JsonArray().add("RS384").add("ES384"))
                .put("scopes_supported", new JsonArray().add("system/*.rs").add("system/*.read"))
                .put("capabilities", new JsonArray().add("client-confidential-asymmetric")
                        .add("client-confidential-symmetric").add("permission-v1").add("permission-v2"));
        return Response.ok(doc.encode(), "application/json").header("Access-Control-Allow-Origin", "*").build();
    }

    private String token(TenantId tenant) {
        return TenantPaths.authEndpoint(baseUrl, tenant, Audience.PROVIDER, "token");
    }

    private static JsonObject level(String type, String definition) {
        return new JsonObject().put("type", type).put("operation", new JsonArray().add(operation(definition)));
    }

    private static JsonObject operation(String definition) {
        return new JsonObject().put("name", "export").put("definition", BULK + "OperationDefinition/" + definition);
    }
}
