package io.tenfold.tenant.policy;

import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Registry.newEmail;
import static io.tenfold.tenant.support.Registry.newId;
import static io.tenfold.tenant.support.Registry.newPatient;
import static io.tenfold.tenant.support.Registry.newTenant;
import static io.tenfold.tenant.support.Registry.operatorUserJson;
import static io.tenfold.tenant.support.Registry.policyJson;
import static io.tenfold.tenant.support.Registry.publicAppJson;
import static io.tenfold.tenant.support.Registry.put;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.Topics;
import io.tenfold.tenant.support.Rows;

/**
 * An attack on tenant isolation through the registry: an access policy of tenant B naming a user or client of
 * tenant A (or a global operator) would extend B's rules to A's principals. It is refused like a link to no one,
 * and nothing is written.
 */
@QuarkusTest
class CrossTenantPolicyLinkTest {

    @Test
    void aPolicyOfTenantBCannotLinkTenantAsUserOrClientOrAnOperator() {
        String a = newTenant();
        String b = newTenant();
        String userA = newPatient(a);
        String clientA = newId("c");
        String op = newId("op");
        put("/Client/" + clientA, publicAppJson(a, clientA)).statusCode(201);
        put("/User/" + op, operatorUserJson(op, newEmail(), "operator password")).statusCode(201);

        String policy = newId("p");
        refused(policyJson(b, policy, "User", userA), policy);
        refused(policyJson(b, policy, "Client", clientA), policy);
        refused(policyJson(b, policy, "User", op), policy);
        Rows.assertNoRow("access_policies", policy);
        Rows.assertNoEvent(Topics.ACCESS_POLICIES, policy);
    }

    @Test
    void anExistingPolicyCannotBeWidenedToAnotherTenant() {
        String a = newTenant();
        String b = newTenant();
        String userA = newPatient(a);
        String userB = newPatient(b);
        String policy = newId("p");
        put("/AccessPolicy/" + policy, policyJson(b, policy, "User", userB)).statusCode(201);

        refused(policyJson(b, policy, "User", userA), policy);
        operator().get("/AccessPolicy/" + policy).then()
                .body("link[0].id", equalTo(userB))
                .body("meta.versionId", equalTo("1"));
    }

    private static void refused(String body, String policy) {
        put("/AccessPolicy/" + policy, body).statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("link-unknown"))
                .body("issue[0].expression[0]", equalTo("AccessPolicy.link[0]"));
    }
}
