package io.tenfold.fhir.conformance;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;

/**
 * {@code .well-known/smart-configuration} of a tenant's FHIR API (SMART App Launch 2): where its authorization
 * server is and what it can do.
 */
@ApplicationScoped
public class SmartConfiguration {

    /** What the tenant's authorization servers implement (SMART App Launch 2, §capabilities). */
    private static final List<String> CAPABILITIES = List.of("launch-ehr", "launch-standalone", "authorize-post",
            "client-public", "client-confidential-symmetric", "client-confidential-asymmetric", "sso-openid-connect",
            "context-banner", "context-style", "context-ehr-patient", "context-ehr-encounter",
            "context-standalone-patient", "permission-offline", "permission-online", "permission-patient",
            "permission-user", "permission-v1", "permission-v2");
    private static final List<String> SCOPES = List.of("openid", "fhirUser", "profile", "launch", "launch/patient",
            "launch/encounter", "offline_access", "online_access", "patient/*.rs", "patient/*.cruds", "user/*.rs",
            "user/*.cruds", "system/*.rs", "patient/*.read", "user/*.read", "system/*.read");

    private final String baseUrl;

    public SmartConfiguration(PlatformConfig platform) {
        this.baseUrl = platform.publicBaseUrl();
    }

    public ObjectNode of(TenantId tenant, Audience audience) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("issuer", TenantPaths.issuer(baseUrl, tenant, audience));
        doc.put("jwks_uri", endpoint(tenant, audience, "jwks"));
        doc.put("authorization_endpoint", endpoint(tenant, audience, "authorize"));
        doc.put("token_endpoint", endpoint(tenant, audience, "token"));
        doc.put("introspection_endpoint", endpoint(tenant, audience, "introspect"));
        doc.put("revocation_endpoint", endpoint(tenant, audience, "revoke"));
        doc.put("userinfo_endpoint", endpoint(tenant, audience, "userinfo"));
        doc.putArray("grant_types_supported").add("authorization_code").add("client_credentials")
                .add("refresh_token");
        doc.put("management_endpoint", TenantPaths.portal(baseUrl, tenant) + "/");
        doc.putArray("response_types_supported").add("code");
        doc.putArray("code_challenge_methods_supported").add("S256");
        doc.putArray("token_endpoint_auth_methods_supported").add("private_key_jwt").add("client_secret_basic")
                .add("client_secret_post");
        doc.putArray("token_endpoint_auth_signing_alg_values_supported").add("RS384").add("ES384");
        doc.putArray("capabilities").addAll(CAPABILITIES.stream().map(JsonNodeFactory.instance::textNode).toList());
        doc.putArray("scopes_supported").addAll(SCOPES.stream().map(JsonNodeFactory.instance::textNode).toList());
        return doc;
    }

    private String endpoint(TenantId tenant, Audience audience, String name) {
        return TenantPaths.authEndpoint(baseUrl, tenant, audience, name);
    }
}
