package io.tenfold.tenant.user;

import static io.tenfold.tenant.support.BadInput.invalid;
import static io.tenfold.tenant.support.BadInput.refusedBody;
import static io.tenfold.tenant.support.Json.with;
import static io.tenfold.tenant.support.Json.without;
import static io.tenfold.tenant.support.Registry.operatorUserJson;
import static io.tenfold.tenant.support.Registry.patientJson;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.Topics;
import io.tenfold.tenant.support.BadInput;
import io.tenfold.tenant.support.Registry;
import io.tenfold.tenant.support.RegistryBadInput;
import io.tenfold.tenant.support.Rows;

/** Bad users get a 4xx OperationOutcome naming the element, and nothing is written: no row, no event. */
@QuarkusTest
class UserBadInputTest extends RegistryBadInput {

    private static final String TENANT = "bad-user-tenant";
    private static final String ID = "bad-input-user";
    private static final String VALID = patientJson(TENANT, ID, "bad.input@example.org", null);
    private static final String OPERATOR = operatorUserJson(ID, "op@example.org", "long enough");

    UserBadInputTest() {
        super("/User", "users", Topics.USERS, ID);
    }

    @BeforeEach
    void tenantExists() {
        Registry.tenant(TENANT);
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                refusedBody("malformed JSON", "application/json", "{\"id\":\"" + ID, 400, "body-malformed"),
                refusedBody("malformed YAML", "text/yaml", "id: [" + ID + "\nemail: : :", 400, "body-malformed"),
                refusedBody("empty body", "application/json", "", 400, "body-missing"),
                refusedBody("unsupported media type", "application/xml", "<User/>", 415, "media-type-unsupported"),
                invalid("array", "[]", "resource-not-object", "User"),
                invalid("wrong resourceType", with(VALID, "/resourceType", "\"Patient\""), "resource-type-mismatch",
                        "User.resourceType"),
                invalid("unknown element", with(VALID, "/nickname", "\"Pat\""), "element-unknown", "User.nickname"),
                invalid("unknown element in name", with(VALID, "/name/middleName", "\"X\""), "element-unknown",
                        "User.name.middleName"),
                invalid("invalid id", with(VALID, "/id", "\"bad id!\""), "id-invalid", "User.id"),
                invalid("id not a string", with(VALID, "/id", "42"), "id-invalid", "User.id"),
                invalid("email missing", without(VALID, "/email"), "email-missing", "User.email"),
                invalid("email implausible", with(VALID, "/email", "\"not-an-address\""), "email-invalid",
                        "User.email"),
                invalid("email without a domain", with(VALID, "/email", "\"a@localhost\""), "email-invalid",
                        "User.email"),
                invalid("email not a string", with(VALID, "/email", "[\"a@b.org\"]"), "email-invalid",
                        "User.email"),
                invalid("password too short", with(VALID, "/password", "\"short\""), "password-weak",
                        "User.password"),
                invalid("password too long", with(VALID, "/password", "\"" + "p".repeat(257) + "\""),
                        "password-weak", "User.password"),
                invalid("password not a string", with(VALID, "/password", "12345678"), "password-invalid",
                        "User.password"),
                invalid("roles missing", without(VALID, "/roles"), "roles-missing", "User.roles"),
                invalid("roles empty", with(VALID, "/roles", "[]"), "roles-missing", "User.roles"),
                invalid("role unknown", with(VALID, "/roles", "[{\"type\":\"admin\"}]"), "role-invalid",
                        "User.roles[0].type"),
                invalid("role without type", with(VALID, "/roles", "[{}]"), "type-missing", "User.roles[0].type"),
                invalid("patient and operator at once", with(VALID, "/roles",
                        "[{\"type\":\"patient\"},{\"type\":\"operator\"}]"), "roles-conflict", "User.roles"),
                invalid("operator with a tenant", with(OPERATOR, "/meta",
                        "{\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + TENANT + "\"}}"),
                        "tenant-not-allowed", "User.meta.tenant"),
                invalid("operator with a fhirUser", with(OPERATOR, "/fhirUser",
                        "{\"resourceType\":\"Practitioner\",\"id\":\"pr-1\"}"), "fhirUser-not-allowed",
                        "User.fhirUser"),
                invalid("patient without tenant", without(VALID, "/meta"), "tenant-missing", "User.meta.tenant"),
                invalid("patient without fhirUser", without(VALID, "/fhirUser"), "fhirUser-missing",
                        "User.fhirUser"),
                invalid("patient who is a Practitioner", with(VALID, "/fhirUser/resourceType", "\"Practitioner\""),
                        "fhirUser-type-mismatch", "User.fhirUser.resourceType"),
                invalid("provider who is a Patient", with(VALID, "/roles", "[{\"type\":\"provider\"}]"),
                        "fhirUser-type-mismatch", "User.fhirUser.resourceType"),
                invalid("fhirUser of another type", with(VALID, "/fhirUser/resourceType", "\"Device\""),
                        "reference-type-invalid", "User.fhirUser.resourceType"),
                invalid("fhirUser with a bad id", with(VALID, "/fhirUser/id", "\"a/b\""), "reference-id-invalid",
                        "User.fhirUser.id"),
                invalid("unknown tenant", with(VALID, "/meta/tenant/id", "\"no-such-tenant\""), "tenant-unknown",
                        "User.meta.tenant"),
                invalid("tenant id malformed", with(VALID, "/meta/tenant/id", "\"Bad_Tenant\""),
                        "reference-id-invalid", "User.meta.tenant.id"),
                invalid("tenant id not a tenant's", with(VALID, "/meta/tenant/id", "\"Upper-Case\""),
                        "tenant-invalid", "User.meta.tenant.id"),
                invalid("the reserved global tenant", with(VALID, "/meta/tenant/id", "\"_global\""),
                        "reference-id-invalid", "User.meta.tenant.id"),
                invalid("tenant of another type", with(VALID, "/meta/tenant/resourceType", "\"Organization\""),
                        "reference-type-invalid", "User.meta.tenant.resourceType"),
                invalid("two different tenants", with(VALID, "/tenant",
                        "{\"resourceType\":\"Tenant\",\"id\":\"other-tenant\"}"), "tenant-mismatch", "User.tenant"),
                invalid("meta not an object", with(VALID, "/meta", "\"x\""), "meta-invalid", "User.meta"),
                invalid("active not a boolean", with(VALID, "/active", "\"yes\""), "active-invalid",
                        "User.active"),
                invalid("givenName too long", with(VALID, "/name/givenName", "\"" + "g".repeat(201) + "\""),
                        "givenName-invalid", "User.name.givenName"));
    }

    /** On PUT the URL names the id too: a body naming another one is a mismatch. */
    @Override
    protected String putCode(String what, String code) {
        return "invalid id".equals(what) ? "id-mismatch" : code;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void postIsRefusedAndWritesNothing(String what, String type, String body, int status, String code,
            String expression) {
        BadInput.refused("POST", "/User", type, body, status, code, expression);
        Rows.assertNoRow("users", ID);
    }
}
