package io.tenfold.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A token revoked at the authorization server stops working at the FHIR API before it expires: auth-service
 * announces the revocation on Kafka and fhir-service drops it from its verified-token cache.
 */
class TokenRevocationE2ETest {

    @Test
    void aRevokedTokenIsRefusedByTheFhirApiWithinSeconds() throws Exception {
        FhirTenant tenant = FhirTenant.open("revoke");
        String token = tenant.requestToken();
        assertNotNull(token);
        String read = tenant.fhirBase() + "/Patient?_count=1";
        given().auth().oauth2(token).get(read).then().statusCode(200);

        tenant.revoke(token);
        long revoked = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(token).get(read).statusCode() == 401);
        System.out.printf("revoked token refused by the FHIR API after %d ms%n",
                (System.nanoTime() - revoked) / 1_000_000);
        given().auth().oauth2(tenant.requestToken()).get(read).then().statusCode(200);
    }
}
