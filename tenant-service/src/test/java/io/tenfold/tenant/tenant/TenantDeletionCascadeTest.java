package io.tenfold.tenant.tenant;

import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Registry.newEmail;
import static io.tenfold.tenant.support.Registry.newId;
import static io.tenfold.tenant.support.Registry.newPatient;
import static io.tenfold.tenant.support.Registry.newTenant;
import static io.tenfold.tenant.support.Registry.policyJson;
import static io.tenfold.tenant.support.Registry.publicAppJson;
import static io.tenfold.tenant.support.Registry.put;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.Topics;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TopicProbe;
import io.tenfold.tenant.support.Invites;

/**
 * Deleting a tenant deletes its users, clients, access policies and invites in the same transaction, and
 * publishes a tombstone for each, so every projection forgets them; other tenants keep theirs.
 */
@QuarkusTest
class TenantDeletionCascadeTest {

    @Test
    void deletingATenantDeletesItsRegistryAndPublishesTombstones() {
        String tenant = newTenant();
        String other = newTenant();
        String user = newPatient(tenant);
        String client = newId("c");
        String policy = newId("p");
        String survivor = newPatient(other);
        put("/Client/" + client, publicAppJson(tenant, client)).statusCode(201);
        put("/AccessPolicy/" + policy, policyJson(tenant, policy, "Client", client)).statusCode(201);
        String invited = Invites.invite(tenant, newEmail(), false).path("user.id");

        operator().delete("/Tenant/" + tenant).then().statusCode(204);

        for (String table : List.of("users", "clients", "access_policies", "invites")) {
            assertEquals(0, Db.count("SELECT count(*) FROM tenant." + table + " WHERE tenant_id = ?", tenant), table);
        }
        operator().get("/User/" + user).then().statusCode(404);
        operator().get("/Client/" + client).then().statusCode(404);
        operator().get("/AccessPolicy/" + policy).then().statusCode(404);
        operator().get("/User/" + survivor).then().statusCode(200);

        assertTombstone(Topics.USERS, tenant + "/" + user);
        assertTombstone(Topics.USERS, tenant + "/" + invited);
        assertTombstone(Topics.CLIENTS, tenant + "/" + client);
        assertTombstone(Topics.ACCESS_POLICIES, tenant + "/" + policy);
        assertTombstone(Topics.TENANTS, tenant);
        assertEquals(1, TopicProbe.messages(Topics.USERS, m -> (other + "/" + survivor).equals(m.key())).size());
        assertNotNull(TopicProbe.messages(Topics.USERS, m -> (other + "/" + survivor).equals(m.key())).get(0)
                .value(), "the other tenant's user is untouched");
    }

    private static void assertTombstone(String topic, String key) {
        List<TopicProbe.Message> records = await().atMost(Duration.ofSeconds(15)).until(
                () -> TopicProbe.messages(topic, m -> key.equals(m.key())),
                m -> !m.isEmpty() && m.get(m.size() - 1).value() == null);
        assertNull(records.get(records.size() - 1).value(), key + " ends in a tombstone");
    }
}
