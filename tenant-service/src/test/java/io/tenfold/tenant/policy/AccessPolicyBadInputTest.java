package io.tenfold.tenant.policy;

import static io.tenfold.tenant.support.BadInput.invalid;
import static io.tenfold.tenant.support.BadInput.refusedBody;
import static io.tenfold.tenant.support.Json.with;
import static io.tenfold.tenant.support.Json.without;
import static io.tenfold.tenant.support.Registry.patientJson;
import static io.tenfold.tenant.support.Registry.policyJson;
import static io.tenfold.tenant.support.Registry.put;
import static org.hamcrest.Matchers.lessThan;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.provider.Arguments;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.Topics;
import io.tenfold.tenant.support.Registry;
import io.tenfold.tenant.support.RegistryBadInput;

/** Bad access policies get a 4xx OperationOutcome naming the element, and nothing is written. */
@QuarkusTest
class AccessPolicyBadInputTest extends RegistryBadInput {

    private static final String TENANT = "bad-policy-tenant";
    private static final String USER = "bad-policy-linked-user";
    private static final String ID = "bad-input-policy";
    private static final String VALID = policyJson(TENANT, ID, "User", USER);

    AccessPolicyBadInputTest() {
        super("/AccessPolicy", "access_policies", Topics.ACCESS_POLICIES, ID);
    }

    @BeforeEach
    void tenantAndUserExist() {
        Registry.tenant(TENANT);
        put("/User/" + USER, patientJson(TENANT, USER, "linked@example.org", null))
                .statusCode(lessThan(300));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                refusedBody("malformed YAML", "text/yaml", "engine: [rules", 400, "body-malformed"),
                invalid("array", "[]", "resource-not-object", "AccessPolicy"),
                invalid("unknown element", with(VALID, "/owner", "\"x\""), "element-unknown", "AccessPolicy.owner"),
                invalid("engine missing", without(VALID, "/engine"), "engine-missing", "AccessPolicy.engine"),
                invalid("engine unknown", with(VALID, "/engine", "\"deny\""), "engine-invalid",
                        "AccessPolicy.engine"),
                invalid("rules engine without rules", without(VALID, "/rule"), "rule-missing", "AccessPolicy.rule"),
                invalid("rules engine with an empty rule list", with(VALID, "/rule", "[]"), "rule-missing",
                        "AccessPolicy.rule"),
                invalid("allow engine with rules", with(VALID, "/engine", "\"allow\""), "rule-not-allowed",
                        "AccessPolicy.rule"),
                invalid("rule not an object", with(VALID, "/rule/0", "\"read\""), "rule-invalid",
                        "AccessPolicy.rule[0]"),
                invalid("unknown element in a rule", with(VALID, "/rule/0/when", "\"always\""), "element-unknown",
                        "AccessPolicy.rule[0].when"),
                invalid("action unknown", with(VALID, "/rule/0/action/0", "\"write\""), "action-invalid",
                        "AccessPolicy.rule[0].action[0]"),
                invalid("action missing", without(VALID, "/rule/0/action"), "action-missing",
                        "AccessPolicy.rule[0].action"),
                invalid("resource not a type", with(VALID, "/rule/0/resource/1", "\"observation\""),
                        "resource-invalid", "AccessPolicy.rule[0].resource[1]"),
                invalid("resource empty", with(VALID, "/rule/0/resource", "[]"), "resource-missing",
                        "AccessPolicy.rule[0].resource"),
                invalid("effect unknown", with(VALID, "/rule/0/effect", "\"Maybe\""), "effect-invalid",
                        "AccessPolicy.rule[0].effect"),
                invalid("effect missing", without(VALID, "/rule/0/effect"), "effect-missing",
                        "AccessPolicy.rule[0].effect"),
                invalid("link not a list", with(VALID, "/link", "{}"), "link-invalid", "AccessPolicy.link"),
                invalid("link to a Patient", with(VALID, "/link/0/resourceType", "\"Patient\""),
                        "reference-type-invalid", "AccessPolicy.link[0].resourceType"),
                invalid("link to no one", with(VALID, "/link/0/id", "\"no-such-user\""), "link-unknown",
                        "AccessPolicy.link[0]"),
                invalid("link to a client that is a user", with(VALID, "/link/0/resourceType", "\"Client\""),
                        "link-unknown", "AccessPolicy.link[0]"),
                invalid("description not text", with(VALID, "/description", "7"), "description-invalid",
                        "AccessPolicy.description"),
                invalid("no tenant", without(VALID, "/meta"), "tenant-missing", "AccessPolicy.meta.tenant"),
                invalid("unknown tenant", with(VALID, "/meta/tenant/id", "\"no-such-tenant\""), "tenant-unknown",
                        "AccessPolicy.meta.tenant"));
    }
}
