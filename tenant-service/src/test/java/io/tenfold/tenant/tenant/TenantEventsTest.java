package io.tenfold.tenant.tenant;

import static io.tenfold.tenant.support.Operator.newTenantId;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Operator.tenantJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.TenantState;
import io.tenfold.commons.event.Topics;
import io.tenfold.local.testing.TopicProbe;

/** Every change of a tenant reaches tenfold.tenants, in order, keyed by its id; a delete is a tombstone. */
@QuarkusTest
class TenantEventsTest {

    @Test
    void changesArePublishedInOrderAndDeleteIsATombstone() {
        String id = newTenantId();
        operator().contentType("application/json").body(tenantJson(id, "One")).post("/Tenant").then().statusCode(201);
        operator().contentType("application/json").body(tenantJson(id, "Two")).put("/Tenant/" + id)
                .then().statusCode(200);
        operator().delete("/Tenant/" + id).then().statusCode(204);

        List<TopicProbe.Message> records = await().atMost(Duration.ofSeconds(15))
                .until(() -> TopicProbe.messages(Topics.TENANTS, r -> id.equals(r.key())), r -> r.size() == 3);

        EventEnvelope first = EventCodec.decode(records.get(0).value());
        assertEquals(TenantState.TYPE, first.type());
        assertEquals(id, first.tenantId());
        assertEquals(new TenantState(id, "One", 1), first.payloadAs(TenantState.class));
        assertEquals(new TenantState(id, "Two", 2),
                EventCodec.decode(records.get(1).value()).payloadAs(TenantState.class));
        assertNull(records.get(2).value(), "a delete is a tombstone");
        assertTrue(records.get(0).seq() < records.get(1).seq());
        assertTrue(records.get(1).seq() < records.get(2).seq());
    }
}
