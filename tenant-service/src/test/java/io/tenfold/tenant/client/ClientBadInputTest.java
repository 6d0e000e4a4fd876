package io.tenfold.tenant.client;

import static io.tenfold.tenant.support.BadInput.invalid;
import static io.tenfold.tenant.support.BadInput.refusedBody;
import static io.tenfold.tenant.support.Json.with;
import static io.tenfold.tenant.support.Json.without;
import static io.tenfold.tenant.support.Registry.backendServiceJson;
import static io.tenfold.tenant.support.Registry.confidentialAppJson;
import static io.tenfold.tenant.support.Registry.operatorClientJson;
import static io.tenfold.tenant.support.Registry.publicAppJson;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.Topics;
import io.tenfold.tenant.support.Operator;
import io.tenfold.tenant.support.Registry;
import io.tenfold.tenant.support.RegistryBadInput;

/** Bad clients get a 4xx OperationOutcome naming the element, and nothing is written: no row, no event. */
@QuarkusTest
class ClientBadInputTest extends RegistryBadInput {

    private static final String TENANT = "bad-client-tenant";
    private static final String ID = "bad-input-client";
    private static final String APP = publicAppJson(TENANT, ID);
    private static final String CONFIDENTIAL = confidentialAppJson(TENANT, ID, "a-very-long-client-secret");
    private static final String BACKEND = backendServiceJson(TENANT, ID);
    private static final String REDIRECT = "/auth/authorization_code/redirect_uri";

    ClientBadInputTest() {
        super("/Client", "clients", Topics.CLIENTS, ID);
    }

    @BeforeEach
    void tenantExists() {
        Registry.tenant(TENANT);
    }

    @Test
    void aMalformedAcceptOrContentTypeIsA400() {
        Operator.operator().header("Accept", ";;").get("/Client/" + ID).then().statusCode(400)
                .body("issue[0].details.coding[0].code", equalTo("media-type-malformed"));
        Operator.operator().header("Content-Type", "a/b/c").body(APP.getBytes(StandardCharsets.UTF_8)).put("/Client/" + ID).then().statusCode(400)
                .body("issue[0].details.coding[0].code", equalTo("media-type-malformed"));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                refusedBody("malformed JSON", "application/json", "{\"type\":", 400, "body-malformed"),
                refusedBody("duplicate keys", "application/json", "{\"id\":\"" + ID + "\",\"id\":\"x\"}", 400,
                        "body-malformed"),
                refusedBody("form post", "application/x-www-form-urlencoded", "id=" + ID, 415,
                        "media-type-unsupported"),
                invalid("array", "[]", "resource-not-object", "Client"),
                invalid("wrong resourceType", with(APP, "/resourceType", "\"User\""), "resource-type-mismatch",
                        "Client.resourceType"),
                invalid("unknown element", with(APP, "/logo", "\"x\""), "element-unknown", "Client.logo"),
                invalid("unknown auth setting", with(APP, "/auth/authorization_code/implicit", "true"),
                        "element-unknown", "Client.auth.authorization_code.implicit"),
                invalid("unknown auth section", with(APP, "/auth/password", "{}"), "element-unknown",
                        "Client.auth.password"),
                invalid("type missing", without(APP, "/type"), "type-missing", "Client.type"),
                invalid("type unknown", with(APP, "/type", "\"web-app\""), "type-invalid", "Client.type"),
                invalid("name too long", with(APP, "/name", "\"" + "n".repeat(201) + "\""), "name-invalid",
                        "Client.name"),
                invalid("active not a boolean", with(APP, "/active", "1"), "active-invalid", "Client.active"),
                invalid("grant_types missing", without(APP, "/grant_types"), "grant_types-missing",
                        "Client.grant_types"),
                invalid("grant_types empty", with(APP, "/grant_types", "[]"), "grant_types-missing",
                        "Client.grant_types"),
                invalid("grant type unknown", with(APP, "/grant_types", "[\"password\"]"), "grant_types-invalid",
                        "Client.grant_types[0]"),
                invalid("refresh_token without authorization_code", with(APP, "/grant_types",
                        "[\"refresh_token\"]"), "grant_types-invalid", "Client.grant_types"),
                invalid("redirect_uri missing", without(APP, REDIRECT), "redirect_uri-missing",
                        "Client.auth.authorization_code.redirect_uri"),
                invalid("redirect_uri empty list", with(APP, REDIRECT, "[]"), "redirect_uri-missing",
                        "Client.auth.authorization_code.redirect_uri"),
                invalid("redirect_uri over plain http", with(APP, REDIRECT, "\"http://app.example.org/cb\""),
                        "redirect_uri-invalid", "Client.auth.authorization_code.redirect_uri"),
                invalid("redirect_uri with a fragment", with(APP, REDIRECT, "\"https://app.example.org/cb#x\""),
                        "redirect_uri-invalid", "Client.auth.authorization_code.redirect_uri"),
                invalid("redirect_uri relative", with(APP, REDIRECT, "\"/cb\""), "redirect_uri-invalid",
                        "Client.auth.authorization_code.redirect_uri"),
                invalid("redirect_uri custom scheme", with(APP, REDIRECT, "\"com.example.app:/cb\""),
                        "redirect_uri-invalid", "Client.auth.authorization_code.redirect_uri"),
                invalid("second redirect_uri bad", with(APP, REDIRECT,
                        "[\"https://ok.example.org/cb\",\"ftp://files.example.org/cb\"]"), "redirect_uri-invalid",
                        "Client.auth.authorization_code.redirect_uri[1]"),
                invalid("public client without PKCE", with(APP, "/auth/authorization_code/pkce", "false"),
                        "pkce-required", "Client.auth.authorization_code.pkce"),
                invalid("secret_required without a secret", confidentialAppJson(TENANT, ID, null),
                        "secret-missing", "Client.secret"),
                invalid("secret too short", with(CONFIDENTIAL, "/secret", "\"short\""), "secret-weak",
                        "Client.secret"),
                invalid("secret not a string", with(CONFIDENTIAL, "/secret", "{}"), "secret-invalid",
                        "Client.secret"),
                invalid("client_credentials without any credential", without(BACKEND, "/jwks"),
                        "credentials-missing", "Client.secret"),
                invalid("backend service with authorization_code", with(BACKEND, "/grant_types",
                        "[\"authorization_code\",\"client_credentials\"]"), "grant_types-not-allowed",
                        "Client.grant_types"),
                invalid("operator client with authorization_code", with(operatorClientJson(ID,
                        "a-very-long-client-secret"), "/grant_types", "[\"authorization_code\"]"),
                        "grant_types-not-allowed", "Client.grant_types"),
                invalid("operator client in a tenant", with(operatorClientJson(ID, "a-very-long-client-secret"),
                        "/meta", "{\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + TENANT + "\"}}"),
                        "tenant-not-allowed", "Client.meta.tenant"),
                invalid("SMART app without tenant", without(APP, "/meta"), "tenant-missing", "Client.meta.tenant"),
                invalid("unknown tenant", with(APP, "/meta/tenant/id", "\"no-such-tenant\""), "tenant-unknown",
                        "Client.meta.tenant"),
                invalid("jwks with a private key", with(BACKEND, "/jwks/keys/0/d", "\"private\""),
                        "jwks-private-key", "Client.jwks.keys[0].d"),
                invalid("jwks with a symmetric key", with(BACKEND, "/jwks",
                        "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}"), "jwks-private-key",
                        "Client.jwks.keys[0].k"),
                invalid("jwks without keys", with(BACKEND, "/jwks", "{\"keys\":[]}"), "jwks-invalid",
                        "Client.jwks.keys"),
                invalid("jwks key without kty", with(BACKEND, "/jwks", "{\"keys\":[{\"kid\":\"a\"}]}"),
                        "kty-missing", "Client.jwks.keys[0].kty"),
                invalid("jwks key of a type no assertion uses", with(BACKEND, "/jwks/keys/0/kty", "\"OKP\""),
                        "kty-unsupported", "Client.jwks.keys[0].kty"),
                invalid("EC key off its curve", with(BACKEND, "/jwks/keys/0/y",
                        "\"aYvyHbqTq1E-PVX4FcDiOH-sCPZE-0NfLAZnOG_vAHCPZjUJ0LcT2ajNQN_LLZb3\""), "jwk-invalid",
                        "Client.jwks.keys[0].y"),
                invalid("EC key of an unsupported curve", with(BACKEND, "/jwks/keys/0/crv", "\"secp256k1\""),
                        "crv-unsupported", "Client.jwks.keys[0].crv"),
                invalid("EC coordinate not base64url", with(BACKEND, "/jwks/keys/0/x", "\"!!\""), "jwk-invalid",
                        "Client.jwks.keys[0].x"),
                invalid("RSA key too short", with(BACKEND, "/jwks", "{\"keys\":[{\"kty\":\"RSA\",\"n\":\""
                        + "AKq9rOWS8mx_0FW9rvjG0w\",\"e\":\"AQAB\"}]}"), "jwk-too-weak", "Client.jwks.keys[0].n"),
                invalid("RSA key without modulus", with(BACKEND, "/jwks", "{\"keys\":[{\"kty\":\"RSA\","
                        + "\"e\":\"AQAB\"}]}"), "n-missing", "Client.jwks.keys[0].n"),
                invalid("jwks and jwks_uri", with(BACKEND, "/jwks_uri", "\"https://keys.example.org/jwks\""),
                        "jwks-conflict", "Client.jwks_uri"),
                invalid("jwks_uri over plain http", with(without(BACKEND, "/jwks"), "/jwks_uri",
                        "\"http://localhost/jwks\""), "jwks_uri-invalid", "Client.jwks_uri"),
                invalid("token format other than jwt", with(APP, "/auth/authorization_code/token_format",
                        "\"opaque\""), "token_format-invalid", "Client.auth.authorization_code.token_format"),
                invalid("negative token lifetime", with(APP, "/auth/authorization_code/access_token_expiration",
                        "-1"), "access_token_expiration-invalid",
                        "Client.auth.authorization_code.access_token_expiration"),
                invalid("token lifetime as text", with(BACKEND, "/auth/client_credentials/access_token_expiration",
                        "\"300\""), "access_token_expiration-invalid",
                        "Client.auth.client_credentials.access_token_expiration"),
                invalid("auth section without its grant", with(APP, "/auth/client_credentials", "{}"),
                        "auth-grant-mismatch", "Client.auth.client_credentials"),
                invalid("scope with a backslash", with(APP, "/scope", "\"patient/*.rs a\\\\b\""), "scope-invalid",
                        "Client.scope"),
                invalid("launch_uri not a web URL", with(APP, "/smart/launch_uri", "\"javascript:alert(1)\""),
                        "launch_uri-invalid", "Client.smart.launch_uri"));
    }
}
