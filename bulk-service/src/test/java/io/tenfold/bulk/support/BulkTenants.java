package io.tenfold.bulk.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.RegistryKeys;
import io.tenfold.commons.event.Topics;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TenantEvents;
import io.tenfold.local.testing.TestTokens;

/** Tenants for bulk API tests, announced as tenant-service would, with an {@code allow} policy for client "app". */
public final class BulkTenants {

    private BulkTenants() {
    }

    /** A new tenant whose bulk API answers, where client {@code app} may export whatever its scopes allow. */
    public static String create(String prefix) {
        String tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        TenantEvents.publish(tenant, "Clinic " + tenant);
        policy(tenant, new AccessPolicyState("allow-app", tenant, "allow",
                List.of(new AccessPolicyState.Link("Client", "app")), List.of(), 1));
        String token = TestTokens.provider(tenant, "system/*.rs");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/tenant/" + tenant + "/bulk-api/$export-status/" + UUID.randomUUID()).then().statusCode(404));
        return tenant;
    }

    public static void policy(String tenant, AccessPolicyState policy) {
        TenantEvents.publish(Topics.ACCESS_POLICIES, RegistryKeys.key(tenant, policy.id()), tenant,
                AccessPolicyState.TYPE, EventCodec.encode(EventEnvelope.of(AccessPolicyState.TYPE, tenant, null,
                        policy)).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count("SELECT count(*) FROM bulk.registry_state "
                + "WHERE tenant_id = ? AND kind = 'access-policy' AND id = ? AND NOT deleted "
                + "AND (state ->> 'version')::int >= ?", tenant, policy.id(), policy.version()) == 1);
    }
}
