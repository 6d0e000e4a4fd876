package io.tenfold.fhir.policy;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.RegistryKeys;
import io.tenfold.commons.event.Topics;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TenantEvents;

/** fhir-service keeps its own copy of the access policies it enforces, following tenfold.access-policies. */
@QuarkusTest
class AccessPolicyProjectionTest {

    @Test
    void policiesArriveAndTheirDeletionToo() {
        String tenant = "pol-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        AccessPolicyState policy = new AccessPolicyState(id, tenant, "rules",
                List.of(new AccessPolicyState.Link("Client", "app")),
                List.of(new AccessPolicyState.Rule(List.of("Observation"), List.of("read", "search"), "Allow")), 1);
        TenantEvents.publish(Topics.ACCESS_POLICIES, RegistryKeys.key(tenant, id), tenant, AccessPolicyState.TYPE,
                EventCodec.encode(EventEnvelope.of(AccessPolicyState.TYPE, tenant, null, policy))
                        .getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count("SELECT count(*) FROM fhir.registry_state "
                + "WHERE tenant_id = ? AND kind = 'access-policy' AND id = ? AND NOT deleted "
                + "AND state -> 'rules' -> 0 ->> 'effect' = 'Allow'", tenant, id) == 1);

        TenantEvents.publish(Topics.ACCESS_POLICIES, RegistryKeys.key(tenant, id), tenant, AccessPolicyState.TYPE,
                null);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count("SELECT count(*) FROM fhir.registry_state "
                + "WHERE tenant_id = ? AND kind = 'access-policy' AND id = ? AND deleted", tenant, id) == 1);
    }
}
