package io.tenfold.tenant.support;

import static io.tenfold.tenant.support.Operator.newTenantId;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Operator.tenantJson;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import io.restassured.response.ValidatableResponse;

/** Fixture factories for registry tests: tenants, users, clients and policies with fresh ids. */
public final class Registry {

    private Registry() {
    }

    /** {@code PUT} of a JSON body as the operator. */
    public static ValidatableResponse put(String path, String json) {
        return operator().contentType("application/json").body(json).put(path).then();
    }

    /** {@code POST} of a JSON body as the operator. */
    public static ValidatableResponse post(String path, String json) {
        return operator().contentType("application/json").body(json).post(path).then();
    }

    /** Creates a patient user of a tenant and returns its id. */
    public static String newPatient(String tenant) {
        String id = newId("u");
        put("/User/" + id, patientJson(tenant, id, newEmail(), null)).statusCode(201);
        return id;
    }

    /** Creates a tenant through the API and returns its id. */
    public static String newTenant() {
        String id = newTenantId();
        operator().contentType("application/json").body(tenantJson(id, "Clinic " + id)).post("/Tenant")
                .then().statusCode(201);
        return id;
    }

    /** Creates (or keeps) a tenant with a fixed id. */
    public static String tenant(String id) {
        operator().contentType("application/json").body(tenantJson(id, "Clinic " + id)).put("/Tenant/" + id)
                .then().statusCode(anyOf(is(200), is(201)));
        return id;
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String newEmail() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** A patient user of a tenant, as JSON; {@code password} may be null. */
    public static String patientJson(String tenant, String id, String email, String password) {
        return "{\"resourceType\":\"User\"" + (id == null ? "" : ",\"id\":\"" + id + "\"")
                + ",\"meta\":{\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + tenant + "\"}}"
                + ",\"email\":\"" + email + "\""
                + (password == null ? "" : ",\"password\":\"" + password + "\"")
                + ",\"name\":{\"givenName\":\"Pat\",\"familyName\":\"Ient\"}"
                + ",\"roles\":[{\"type\":\"patient\"}]"
                + ",\"fhirUser\":{\"resourceType\":\"Patient\",\"id\":\"pt-1\"}}";
    }

    /** A provider user of a tenant (short {@code tenant} form), as JSON. */
    public static String providerJson(String tenant, String id, String email) {
        return "{\"id\":\"" + id + "\",\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + tenant + "\"}"
                + ",\"email\":\"" + email + "\",\"roles\":[{\"type\":\"provider\"}]"
                + ",\"fhirUser\":{\"resourceType\":\"Practitioner\",\"id\":\"pr-1\"}}";
    }

    /** A global operator user, as JSON. */
    public static String operatorUserJson(String id, String email, String password) {
        return "{\"resourceType\":\"User\",\"id\":\"" + id + "\",\"email\":\"" + email + "\",\"password\":\""
                + password + "\",\"roles\":[{\"type\":\"operator\"}]}";
    }

    /** A public patient-facing SMART app with PKCE. */
    public static String publicAppJson(String tenant, String id) {
        return "{\"resourceType\":\"Client\",\"id\":\"" + id + "\","
                + "\"meta\":{\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + tenant + "\"}},"
                + "\"type\":\"patient-facing-smart-app\",\"name\":\"Growth Chart\","
                + "\"grant_types\":[\"authorization_code\"],"
                + "\"auth\":{\"authorization_code\":{\"redirect_uri\":\"https://app.example.org/callback\","
                + "\"pkce\":true,\"refresh_token\":true}},"
                + "\"smart\":{\"launch_uri\":\"https://app.example.org/launch\"},"
                + "\"scope\":\"launch/patient openid fhirUser patient/*.rs offline_access\"}";
    }

    /** A confidential provider-facing SMART app with a secret. */
    public static String confidentialAppJson(String tenant, String id, String secret) {
        return "{\"resourceType\":\"Client\",\"id\":\"" + id + "\","
                + "\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + tenant + "\"},"
                + "\"type\":\"provider-facing-smart-app\",\"name\":\"Chart Review\","
                + "\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                + (secret == null ? "" : "\"secret\":\"" + secret + "\",")
                + "\"auth\":{\"authorization_code\":{\"redirect_uri\":[\"https://ehr.example.org/cb\","
                + "\"http://localhost:8000/cb\"],\"secret_required\":true,\"access_token_expiration\":600,"
                + "\"refresh_token_expiration\":86400}}}";
    }

    /** A backend service (bulk export) authenticating with a registered public JWKS. */
    public static String backendServiceJson(String tenant, String id) {
        return "{\"resourceType\":\"Client\",\"id\":\"" + id + "\","
                + "\"meta\":{\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + tenant + "\"}},"
                + "\"type\":\"backend-service\",\"name\":\"Nightly export\","
                + "\"grant_types\":[\"client_credentials\"],"
                + "\"auth\":{\"client_credentials\":{\"access_token_expiration\":300}},"
                + "\"jwks\":{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-384\",\"kid\":\"k1\",\"alg\":\"ES384\","
                + "\"x\":\"wdWjtoRP3d69m2x8kpk0PhZa4oAG6lLNza0h0L5xnLbJeqW9ZmpSw5by-GYUnjF5\","
                + "\"y\":\"Ki3QImioKsobGGy5lOJlchnjngsThq5VqOZkJ91OgZ2rayug1E4i7u-B6KRBUunH\"}]},"
                + "\"scope\":\"system/*.rs\"}";
    }

    /** A global operator client with a secret. */
    public static String operatorClientJson(String id, String secret) {
        return "{\"resourceType\":\"Client\",\"id\":\"" + id + "\",\"type\":\"operator\","
                + "\"grant_types\":[\"client_credentials\"],\"secret\":\"" + secret + "\"}";
    }

    /** An access policy linking a user or client of a tenant. */
    public static String policyJson(String tenant, String id, String linkType, String linkId) {
        return "{\"resourceType\":\"AccessPolicy\",\"id\":\"" + id + "\","
                + "\"meta\":{\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + tenant + "\"}},"
                + "\"engine\":\"rules\",\"link\":[{\"resourceType\":\"" + linkType + "\",\"id\":\"" + linkId + "\"}],"
                + "\"rule\":[{\"resource\":[\"Patient\",\"Observation\"],\"action\":[\"read\",\"search\"],"
                + "\"effect\":\"Allow\"}]}";
    }
}
