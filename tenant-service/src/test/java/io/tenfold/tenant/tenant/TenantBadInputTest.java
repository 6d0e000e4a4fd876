package io.tenfold.tenant.tenant;

import static io.tenfold.tenant.support.Operator.operator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.Topics;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TopicProbe;

/** Bad bodies get a 4xx OperationOutcome that names the problem, and change nothing. */
@QuarkusTest
class TenantBadInputTest {

    private static final String ID = "bad-input-tenant";

    static Stream<Arguments> badBodies() {
        String big = "{\"resourceType\":\"Tenant\",\"id\":\"" + ID + "\",\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", "{\"resourceType\":\"Tenant\",\"id\":\"" + ID,
                        400, "body-malformed"),
                Arguments.of("trailing garbage", "application/json",
                        "{\"resourceType\":\"Tenant\",\"id\":\"" + ID + "\",\"name\":\"A\"} {}", 400, "body-malformed"),
                Arguments.of("duplicate keys", "application/json",
                        "{\"resourceType\":\"Tenant\",\"id\":\"" + ID + "\",\"id\":\"other\",\"name\":\"A\"}", 400,
                        "body-malformed"),
                Arguments.of("malformed YAML", "text/yaml", "resourceType: Tenant\nid: [" + ID + "\nname: : :", 400,
                        "body-malformed"),
                Arguments.of("empty body", "application/json", "", 400, "body-missing"),
                Arguments.of("array", "application/json", "[]", 422, "tenant-not-object"),
                Arguments.of("wrong resourceType", "application/json",
                        "{\"resourceType\":\"Patient\",\"id\":\"" + ID + "\",\"name\":\"A\"}", 422,
                        "resource-type-mismatch"),
                Arguments.of("missing resourceType", "application/json", "{\"id\":\"" + ID + "\",\"name\":\"A\"}", 422,
                        "resource-type-mismatch"),
                Arguments.of("invalid id", "application/json",
                        "{\"resourceType\":\"Tenant\",\"id\":\"Bad_Id\",\"name\":\"A\"}", 422, "tenant-id-invalid"),
                Arguments.of("id not a string", "application/json",
                        "{\"resourceType\":\"Tenant\",\"id\":42,\"name\":\"A\"}", 422, "id-invalid"),
                Arguments.of("missing id", "application/json", "{\"resourceType\":\"Tenant\",\"name\":\"A\"}", 422,
                        "id-missing"),
                Arguments.of("missing name", "application/json", "{\"resourceType\":\"Tenant\",\"id\":\"" + ID + "\"}",
                        422, "name-missing"),
                Arguments.of("name too long", "application/json",
                        "{\"resourceType\":\"Tenant\",\"id\":\"" + ID + "\",\"name\":\"" + "n".repeat(201) + "\"}", 422,
                        "name-invalid"),
                Arguments.of("unknown element", "application/json",
                        "{\"resourceType\":\"Tenant\",\"id\":\"" + ID + "\",\"name\":\"A\",\"owner\":\"x\"}", 422,
                        "element-unknown"),
                Arguments.of("unsupported media type", "application/xml", "<Tenant/>", 415, "media-type-unsupported"),
                Arguments.of("form post", "application/x-www-form-urlencoded", "id=" + ID, 415,
                        "media-type-unsupported"),
                Arguments.of("body over 1 MB", "application/json", big, 413, "body-too-large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void postIsRefusedAndChangesNothing(String what, String type, String body, int status, String code) {
        operator().contentType(type).body(body).post("/Tenant")
                .then().statusCode(status)
                .contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].details.coding[0].code", equalTo(code));
        assertNothingChanged();
    }

    /** On PUT the id may come from the URL, so a body without one is fine there. */
    static Stream<Arguments> badPutBodies() {
        return badBodies().filter(args -> !"missing id".equals(args.get()[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPutBodies")
    void putIsRefusedAndChangesNothing(String what, String type, String body, int status, String code) {
        operator().contentType(type).body(body).put("/Tenant/" + ID)
                .then().statusCode(status)
                .body("resourceType", equalTo("OperationOutcome"));
        assertNothingChanged();
    }

    private static void assertNothingChanged() {
        operator().get("/Tenant/" + ID).then().statusCode(404);
        assertEquals(0, Db.count("SELECT count(*) FROM tenant.tenants WHERE tenant_id = ?", ID));
        assertEquals(0, Db.count("SELECT count(*) FROM tenant.outbox WHERE record_key = ?", ID));
        assertEquals(0, TopicProbe.messages(Topics.TENANTS, r -> ID.equals(r.key())).size());
    }
}
