package io.tenfold.tenant.tenant;

import static io.tenfold.tenant.support.Operator.newTenantId;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Operator.tenantJson;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.Topics;
import io.tenfold.local.infra.KafkaBroker;
import io.tenfold.local.testing.SharedInfra;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TopicProbe;

/** A tenant created while the broker is down is stored at once and published once the broker is back. */
@QuarkusTest
class KafkaOutageTest {

    @Test
    void tenantCreatedWhileKafkaIsDownIsPublishedWhenItReturns() throws Exception {
        KafkaBroker kafka = SharedInfra.get().kafka();
        String id = newTenantId();
        kafka.stop();
        try {
            operator().contentType("application/json").body(tenantJson(id, "Offline Clinic")).post("/Tenant")
                    .then().statusCode(201);
            operator().get("/Tenant/" + id).then().statusCode(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503).body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN")));
            assertEquals(1, Db.count("SELECT count(*) FROM tenant.outbox WHERE record_key = ?", id),
                    "the event waits in the outbox");
        } finally {
            kafka.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(
                () -> TopicProbe.messages(Topics.TENANTS, r -> id.equals(r.key())).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(
                () -> Db.count("SELECT count(*) FROM tenant.outbox WHERE record_key = ?", id) == 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200));
    }
}
