package io.tenfold.tenant.policy;

import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Registry.newId;
import static io.tenfold.tenant.support.Registry.newPatient;
import static io.tenfold.tenant.support.Registry.newTenant;
import static io.tenfold.tenant.support.Registry.policyJson;
import static io.tenfold.tenant.support.Registry.publicAppJson;
import static io.tenfold.tenant.support.Registry.put;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessPolicyApiTest {

    @Test
    void createReadReplaceDelete() {
        String tenant = newTenant();
        String user = newPatient(tenant);
        String id = newId("policy");
        put("/AccessPolicy/" + id, policyJson(tenant, id, "User", user)).statusCode(201)
                .header("Location", equalTo("http://tenfold.test/AccessPolicy/" + id))
                .body("engine", equalTo("rules"))
                .body("link[0].resourceType", equalTo("User"))
                .body("link[0].id", equalTo(user))
                .body("rule[0].resource", equalTo(List.of("Patient", "Observation")))
                .body("rule[0].action", equalTo(List.of("read", "search")))
                .body("rule[0].effect", equalTo("Allow"))
                .body("meta.tenant.id", equalTo(tenant));

        String allow = "{\"resourceType\":\"AccessPolicy\",\"id\":\"" + id + "\",\"description\":\"everything\","
                + "\"tenant\":{\"resourceType\":\"Tenant\",\"id\":\"" + tenant + "\"},\"engine\":\"allow\","
                + "\"link\":[{\"resourceType\":\"User\",\"id\":\"" + user + "\"}]}";
        put("/AccessPolicy/" + id, allow).statusCode(200)
                .body("engine", equalTo("allow"))
                .body("$", not(hasKey("rule")))
                .body("meta.versionId", equalTo("2"));
        operator().get("/AccessPolicy/" + id).then().body("description", equalTo("everything"));
        operator().queryParam("tenant", tenant).get("/AccessPolicy").then().body("total", equalTo(1));
        operator().accept("text/yaml").get("/AccessPolicy/" + id).then()
                .body(containsString("engine: allow"));
        operator().delete("/AccessPolicy/" + id).then().statusCode(204);
        operator().get("/AccessPolicy/" + id).then().statusCode(404)
                .body("issue[0].details.coding[0].code", equalTo("access-policy-not-found"));
    }

    @Test
    void aLinkedUserOrClientCannotBeDeletedUntilThePolicyLetsGo() {
        String tenant = newTenant();
        String user = newPatient(tenant);
        String client = newId("c");
        put("/Client/" + client, publicAppJson(tenant, client)).statusCode(201);
        String userPolicy = newId("p");
        String clientPolicy = newId("p");
        put("/AccessPolicy/" + userPolicy, policyJson(tenant, userPolicy, "User", user)).statusCode(201);
        put("/AccessPolicy/" + clientPolicy, policyJson(tenant, clientPolicy, "Client", client)).statusCode(201);

        operator().delete("/User/" + user).then().statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("user-linked"))
                .body("issue[0].diagnostics", containsString(userPolicy));
        operator().delete("/Client/" + client).then().statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("client-linked"));
        operator().get("/User/" + user).then().statusCode(200);

        operator().delete("/AccessPolicy/" + userPolicy).then().statusCode(204);
        operator().delete("/AccessPolicy/" + clientPolicy).then().statusCode(204);
        operator().delete("/User/" + user).then().statusCode(204);
        operator().delete("/Client/" + client).then().statusCode(204);
    }
}
