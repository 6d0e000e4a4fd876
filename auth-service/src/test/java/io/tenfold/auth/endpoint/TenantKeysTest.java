package io.tenfold.auth.endpoint;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TenantEvents;

/** A tenant announced by tenant-service gets a signing key per audience, published in its JWKS. */
@QuarkusTest
class TenantKeysTest {

    @Test
    void announcedTenantGetsOneKeyPerAudienceAndLosesThemWhenDeleted() throws Exception {
        String id = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        given().get("/tenant/" + id + "/patient/auth/jwks").then().statusCode(404);

        TenantEvents.publish(id, "Key Clinic");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/tenant/" + id + "/patient/auth/jwks").then().statusCode(200));

        String patientKid = given().get("/tenant/" + id + "/patient/auth/jwks").then().statusCode(200)
                .contentType(containsString("application/jwk-set+json"))
                .body("keys.size()", equalTo(2))
                .body("keys.find { it.alg == 'RS256' }.kty", equalTo("RSA"))
                .body("keys.find { it.alg == 'ES256' }.kty", equalTo("EC"))
                .body("keys.find { it.alg == 'ES256' }.crv", equalTo("P-256"))
                .body("keys.use", everyItem(equalTo("sig")))
                .body("keys.d", everyItem(nullValue()))
                .body("keys.p", everyItem(nullValue()))
                .extract().path("keys.find { it.alg == 'RS256' }.kid");
        String providerKid = given().get("/tenant/" + id + "/provider/auth/jwks").then().statusCode(200)
                .body("keys.size()", equalTo(2)).extract().path("keys.find { it.alg == 'RS256' }.kid");
        assertNotEquals(patientKid, providerKid, "each audience has its own key");

        // A change of the tenant keeps its keys.
        TenantEvents.publish(id, "Key Clinic Renamed");
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(
                "SELECT count(*) FROM auth.known_tenants WHERE tenant_id = ? AND name = 'Key Clinic Renamed'", id) == 1);
        given().get("/tenant/" + id + "/patient/auth/jwks").then()
                .body("keys.find { it.alg == 'RS256' }.kid", equalTo(patientKid));

        TenantEvents.delete(id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/tenant/" + id + "/patient/auth/jwks").then().statusCode(404)
                        .body("resourceType", equalTo("OperationOutcome")));
        assertEquals(0, Db.count("SELECT count(*) FROM auth.signing_keys WHERE tenant_id = ?", id));
    }

    @Test
    void privateKeysAreStoredEncrypted() throws Exception {
        String id = "enc-" + UUID.randomUUID().toString().substring(0, 8);
        TenantEvents.publish(id, "Encrypted Clinic");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count("SELECT count(*) FROM auth.signing_keys WHERE tenant_id = ?", id) == 4);
        try (Connection conn = Db.admin(); PreparedStatement ps = conn.prepareStatement(
                "SELECT private_key FROM auth.signing_keys WHERE tenant_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] stored = rs.getBytes(1);
                    // A PKCS#8 RSA key in the clear starts with SEQUENCE (0x30 0x82) then INTEGER 0 (0x02 0x01 0x00).
                    boolean clear = stored[0] == 0x30 && stored[1] == (byte) 0x82 && stored[4] == 0x02
                            && stored[5] == 0x01 && stored[6] == 0x00;
                    assertEquals(false, clear, "private key must not be stored in the clear");
                }
            }
        }
    }

    @Test
    void openidConfigurationNamesTheTenantsEndpoints() {
        String id = "oidc-" + UUID.randomUUID().toString().substring(0, 8);
        TenantEvents.publish(id, "Oidc Clinic");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/tenant/" + id + "/provider/auth/.well-known/openid-configuration").then()
                        .statusCode(200));
        String issuer = "http://tenfold.test/tenant/" + id + "/provider/auth";
        given().get("/tenant/" + id + "/provider/auth/.well-known/openid-configuration").then()
                .body("issuer", equalTo(issuer))
                .body("jwks_uri", equalTo(issuer + "/jwks"))
                .body("token_endpoint", equalTo(issuer + "/token"))
                .body("code_challenge_methods_supported", hasItem("S256"))
                .body("code_challenge_methods_supported", not(hasItem("plain")));
        given().get("/tenant/nobody/provider/auth/.well-known/openid-configuration").then().statusCode(404);
    }
}
