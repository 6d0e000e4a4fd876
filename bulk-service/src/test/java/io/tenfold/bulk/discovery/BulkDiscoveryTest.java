package io.tenfold.bulk.discovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.bulk.support.BulkTenants;
import io.tenfold.local.testing.SharedInfra;

/**
 * A Bulk Data client discovers the API from its base, without a token: the CapabilityStatement lists the export
 * operations and the token endpoint, smart-configuration the tenant's provider authorization server.
 */
@QuarkusTest
class BulkDiscoveryTest {

    @Test
    void theBulkBaseDescribesItsExportsAndWhereTokensComeFrom() {
        String tenant = BulkTenants.create("bulk-disco");
        String auth = SharedInfra.PUBLIC_BASE_URL + "/tenant/" + tenant + "/provider/auth";
        given().get("/tenant/" + tenant + "/bulk-api/metadata").then().statusCode(200)
                .contentType("application/fhir+json")
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("rest[0].operation[0].definition",
                        equalTo("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"))
                .body("rest[0].resource.type", hasItem("Group"))
                .body("rest[0].security.extension[0].extension.find { it.url == 'token' }.valueUri",
                        equalTo(auth + "/token"));
        given().get("/tenant/" + tenant + "/bulk-api/.well-known/smart-configuration").then().statusCode(200)
                .body("token_endpoint", equalTo(auth + "/token"))
                .body("issuer", equalTo(auth))
                .body("grant_types_supported", hasItem("client_credentials"))
                .body("token_endpoint_auth_methods_supported", hasItem("private_key_jwt"));
        given().get("/tenant/nobody-here/bulk-api/metadata").then().statusCode(404);
    }
}
