package io.tenfold.tenant.provisioning;

import static io.tenfold.tenant.support.Operator.newTenantId;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Operator.tenantJson;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.TenantProvisioning;
import io.tenfold.commons.event.Topics;
import io.tenfold.local.testing.SharedInfra;
import io.tenfold.local.testing.Db;

/**
 * GET /Tenant/{id} shows what each service reported for the tenant's current state. (The services themselves
 * report in the e2e tests; here the reports are sent as they would send them.)
 */
@QuarkusTest
class ProvisioningStatusTest {

    private static final List<String> SERVICES = List.of("auth-service", "fhir-service", "portal-service",
            "bulk-service");

    @Test
    void tenantIsReadyWhenEveryServiceReportedItsCurrentState() throws Exception {
        String id = newTenantId();
        operator().contentType("application/json").body(tenantJson(id, "Status Clinic")).post("/Tenant")
                .then().statusCode(201)
                .body("provisioning.status", equalTo("in-progress"))
                .body("provisioning.services.fhir-service", equalTo("pending"));

        long seq = Db.count("SELECT seq FROM tenant.tenants WHERE tenant_id = ?", id);
        report(id, SERVICES.subList(0, 3), TenantProvisioning.Status.READY, seq);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> operator().get("/Tenant/" + id).then()
                .body("provisioning.services.fhir-service", equalTo("ready"))
                .body("provisioning.services.bulk-service", equalTo("pending"))
                .body("provisioning.status", equalTo("in-progress")));

        report(id, SERVICES.subList(3, 4), TenantProvisioning.Status.READY, seq);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> operator().get("/Tenant/" + id).then()
                .body("provisioning.status", equalTo("ready")));

        operator().contentType("application/json").body(tenantJson(id, "Renamed")).put("/Tenant/" + id)
                .then().statusCode(200)
                .body("provisioning.status", equalTo("in-progress"));
    }

    @Test
    void aLateReportOfAnOlderStateDoesNotCountForTheNewOne() throws Exception {
        String id = newTenantId();
        operator().contentType("application/json").body(tenantJson(id, "Old")).post("/Tenant").then().statusCode(201);
        long first = Db.count("SELECT seq FROM tenant.tenants WHERE tenant_id = ?", id);
        operator().contentType("application/json").body(tenantJson(id, "New")).put("/Tenant/" + id)
                .then().statusCode(200);
        report(id, SERVICES, TenantProvisioning.Status.READY, first);
        await().atMost(Duration.ofSeconds(15)).until(
                () -> Db.count("SELECT count(*) FROM tenant.provisioning WHERE tenant_id = ?", id) == 4);
        operator().get("/Tenant/" + id).then().body("provisioning.status", equalTo("in-progress"));
    }

    private static void report(String tenant, List<String> services, TenantProvisioning.Status status, long seq)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (String service : services) {
                EventEnvelope event = EventEnvelope.of(TenantProvisioning.TYPE, tenant, null,
                        new TenantProvisioning(tenant, service, status, seq));
                producer.send(new ProducerRecord<>(Topics.TENANT_PROVISIONING, tenant,
                        EventCodec.encode(event).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }
}
