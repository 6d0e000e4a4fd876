package io.tenfold.tenant.client;

import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Registry.backendServiceJson;
import static io.tenfold.tenant.support.Registry.confidentialAppJson;
import static io.tenfold.tenant.support.Registry.newId;
import static io.tenfold.tenant.support.Registry.newTenant;
import static io.tenfold.tenant.support.Registry.operatorClientJson;
import static io.tenfold.tenant.support.Registry.publicAppJson;
import static io.tenfold.tenant.support.Registry.put;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.security.PasswordHashing;
import io.tenfold.tenant.support.Json;
import io.tenfold.tenant.support.Rows;

@QuarkusTest
class ClientApiTest {

    private static final String SECRET = "a-very-long-client-secret";

    @Test
    void publicPatientAppWithPkce() {
        String tenant = newTenant();
        String id = newId("growth-chart");
        put("/Client/" + id, publicAppJson(tenant, id)).statusCode(201)
                .header("Location", equalTo("http://tenfold.test/Client/" + id))
                .body("type", equalTo("patient-facing-smart-app"))
                .body("active", equalTo(true))
                .body("grant_types", equalTo(List.of("authorization_code")))
                .body("auth.authorization_code.redirect_uri", equalTo("https://app.example.org/callback"))
                .body("auth.authorization_code.pkce", equalTo(true))
                .body("auth.authorization_code.token_format", equalTo("jwt"))
                .body("auth.authorization_code.access_token_expiration", equalTo(3600))
                .body("auth.authorization_code.refresh_token_expiration", equalTo(0))
                .body("smart.launch_uri", equalTo("https://app.example.org/launch"))
                .body("scope", equalTo("launch/patient openid fhirUser patient/*.rs offline_access"))
                .body("meta.tenant.id", equalTo(tenant));
        assertNull(Rows.text("SELECT secret_hash FROM tenant.clients WHERE id = ?", id));
        operator().get("/Client/" + id).then().statusCode(200).body("name", equalTo("Growth Chart"));
        operator().delete("/Client/" + id).then().statusCode(204);
        operator().get("/Client/" + id).then().statusCode(404)
                .body("issue[0].details.coding[0].code", equalTo("client-not-found"));
    }

    @Test
    void confidentialProviderAppKeepsItsSecretAcrossPuts() {
        String tenant = newTenant();
        String id = newId("chart-review");
        put("/Client/" + id, confidentialAppJson(tenant, id, SECRET)).statusCode(201)
                .body("$", not(hasKey("secret")))
                .body("auth.authorization_code.redirect_uri", hasItem("http://localhost:8000/cb"))
                .body("auth.authorization_code.secret_required", equalTo(true));
        String hash = Rows.text("SELECT secret_hash FROM tenant.clients WHERE id = ?", id);
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertTrue(PasswordHashing.verify(SECRET, hash));

        put("/Client/" + id, Json.with(confidentialAppJson(tenant, id, null), "/name",
                "\"Chart Review 2\"")).statusCode(200).body("meta.versionId", equalTo("2"));
        assertEquals(hash, Rows.text("SELECT secret_hash FROM tenant.clients WHERE id = ?", id), "kept");

        put("/Client/" + id, Json.with(confidentialAppJson(tenant, id, null), "/secret", "null")).statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("secret-missing"));
        assertEquals(hash, Rows.text("SELECT secret_hash FROM tenant.clients WHERE id = ?", id));
    }

    @Test
    void backendServiceWithAJwks() {
        String tenant = newTenant();
        String id = newId("exporter");
        put("/Client/" + id, backendServiceJson(tenant, id)).statusCode(201)
                .body("grant_types", equalTo(List.of("client_credentials")))
                .body("auth.client_credentials.access_token_expiration", equalTo(300))
                .body("jwks.keys[0].kid", equalTo("k1"))
                .body("scope", equalTo("system/*.rs"));
    }

    @Test
    void operatorClientsAreGlobal() {
        String id = newId("ops");
        put("/Client/" + id, operatorClientJson(id, SECRET)).statusCode(201)
                .body("meta.tenant", nullValue())
                .body("$", not(hasKey("secret")));
        assertEquals("_global", Rows.text("SELECT tenant_id FROM tenant.clients WHERE id = ?", id));
        operator().queryParam("tenant", "_global").get("/Client").then().body("entry.resource.id", hasItem(id));
    }

    @Test
    void aGetAnswerInYamlCanBePutBackUnchanged() {
        String tenant = newTenant();
        String id = newId("yaml-app");
        put("/Client/" + id, confidentialAppJson(tenant, id, SECRET)).statusCode(201);
        String yaml = operator().accept("text/yaml").get("/Client/" + id)
                .then().statusCode(200).contentType(containsString("text/yaml"))
                .body(containsString("grant_types:"))
                .extract().asString();
        operator().contentType("text/yaml").body(yaml).put("/Client/" + id)
                .then().statusCode(200).body("meta.versionId", equalTo("1"));
    }

    @Test
    void listsTheClientsOfATenant() {
        String tenant = newTenant();
        put("/Client/"
                + newId("ignored-path"), publicAppJson(tenant, newId("a"))).statusCode(422);
        String a = newId("a");
        String b = newId("b");
        put("/Client/" + a, publicAppJson(tenant, a)).statusCode(201);
        put("/Client/" + b, backendServiceJson(tenant, b)).statusCode(201);
        operator().queryParam("tenant", tenant).get("/Client").then().statusCode(200)
                .body("total", equalTo(2))
                .body("entry.resource.id", hasItem(b))
                .body("link[0].url", equalTo("http://tenfold.test/Client?tenant=" + tenant + "&_count=50&_page=1"));
    }
}
