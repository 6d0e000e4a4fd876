package io.tenfold.tenant.registry;

import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Registry.backendServiceJson;
import static io.tenfold.tenant.support.Registry.confidentialAppJson;
import static io.tenfold.tenant.support.Registry.newEmail;
import static io.tenfold.tenant.support.Registry.newId;
import static io.tenfold.tenant.support.Registry.newPatient;
import static io.tenfold.tenant.support.Registry.newTenant;
import static io.tenfold.tenant.support.Registry.operatorUserJson;
import static io.tenfold.tenant.support.Registry.patientJson;
import static io.tenfold.tenant.support.Registry.policyJson;
import static io.tenfold.tenant.support.Registry.put;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.commons.event.ClientState;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.security.PasswordHashing;
import io.tenfold.local.testing.TopicProbe;
import io.tenfold.tenant.support.Json;
import io.tenfold.tenant.support.Rows;

/**
 * Every change of a user, client or access policy reaches its compacted topic with its full state, keyed
 * {@code tenantId/id} ({@code _global/id} for global rows), in order; a delete is a tombstone.
 */
@QuarkusTest
class RegistryEventsTest {

    static List<TopicProbe.Message> records(String topic, String key, int count) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> TopicProbe.messages(topic, m -> key.equals(m.key())), m -> m.size() >= count);
    }

    @Test
    void userStatesAndTombstone() {
        String tenant = newTenant();
        String id = newId("u");
        String email = newEmail();
        put("/User/" + id, patientJson(tenant, id, email, "first password")).statusCode(201);
        put("/User/" + id, patientJson(tenant, id, email, "first password")).statusCode(200);
        put("/User/" + id, Json.with(patientJson(tenant, id, email, null), "/active", "false")).statusCode(200);
        put("/User/" + id, Json.with(patientJson(tenant, id, email, null), "/active", "false")).statusCode(200);
        String hash = Rows.text("SELECT password_hash FROM tenant.users WHERE id = ?", id);
        operator().delete("/User/" + id).then().statusCode(204);

        List<TopicProbe.Message> records = records(Topics.USERS, tenant + "/" + id, 4);
        assertEquals(4, records.size(), "create, the new password, deactivation, delete; an unchanged PUT is silent");
        EventEnvelope first = EventCodec.decode(records.get(0).value());
        assertEquals(UserState.TYPE, first.type());
        assertEquals(UserState.TYPE, records.get(0).type());
        assertEquals(tenant, first.tenantId());
        UserState state = first.payloadAs(UserState.class);
        assertEquals(id, state.id());
        assertEquals(tenant, state.tenantId());
        assertEquals(email, state.email());
        assertTrue(state.active());
        assertEquals(List.of("patient"), state.roles());
        assertEquals(new UserState.FhirUser("Patient", "pt-1"), state.fhirUser());
        assertEquals("Pat", state.givenName());
        assertEquals("Ient", state.familyName());
        assertEquals(1, state.version());
        assertTrue(PasswordHashing.verify("first password", state.passwordHash()));

        UserState third = EventCodec.decode(records.get(2).value()).payloadAs(UserState.class);
        assertFalse(third.active());
        assertEquals(3, third.version());
        assertEquals(hash, third.passwordHash());
        assertNull(records.get(3).value(), "a delete is a tombstone");
        assertEquals(UserState.TYPE, records.get(3).type());
        for (int i = 1; i < records.size(); i++) {
            assertTrue(records.get(i - 1).seq() < records.get(i).seq(), "in order");
        }
    }

    @Test
    void operatorsAreKeyedUnderTheGlobalTenant() {
        String id = newId("op");
        put("/User/" + id, operatorUserJson(id, newEmail(), "operator password")).statusCode(201);
        UserState state = EventCodec.decode(records(Topics.USERS, "_global/" + id, 1).get(0).value())
                .payloadAs(UserState.class);
        assertEquals("_global", state.tenantId());
        assertTrue(state.hasRole("operator"));
    }

    @Test
    void clientStatesAndTombstone() {
        String tenant = newTenant();
        String app = newId("app");
        String backend = newId("svc");
        put("/Client/" + app, confidentialAppJson(tenant, app, "a-very-long-client-secret")).statusCode(201);
        put("/Client/" + backend, backendServiceJson(tenant, backend)).statusCode(201);
        operator().delete("/Client/" + app).then().statusCode(204);

        List<TopicProbe.Message> appRecords = records(Topics.CLIENTS, tenant + "/" + app, 2);
        ClientState state = EventCodec.decode(appRecords.get(0).value()).payloadAs(ClientState.class);
        assertEquals(ClientState.TYPE, appRecords.get(0).type());
        assertEquals(app, state.id());
        assertEquals(tenant, state.tenantId());
        assertEquals("provider-facing-smart-app", state.type());
        assertEquals("Chart Review", state.name());
        assertTrue(state.active());
        assertEquals(List.of("authorization_code", "refresh_token"), state.grantTypes());
        assertEquals(List.of("https://ehr.example.org/cb", "http://localhost:8000/cb"), state.redirectUris());
        assertFalse(state.pkceRequired());
        assertTrue(state.secretRequired());
        assertTrue(PasswordHashing.verify("a-very-long-client-secret", state.secretHash()));
        assertTrue(state.refreshTokens());
        assertEquals(600, state.accessTokenLifetime());
        assertEquals(86400, state.refreshTokenLifetime());
        assertNull(state.jwks());
        assertEquals(1, state.version());
        assertNull(appRecords.get(1).value(), "a delete is a tombstone");

        ClientState service = EventCodec.decode(records(Topics.CLIENTS, tenant + "/" + backend, 1).get(0).value())
                .payloadAs(ClientState.class);
        assertEquals(List.of("client_credentials"), service.grantTypes());
        assertEquals(List.of(), service.redirectUris());
        assertNull(service.secretHash());
        assertEquals(300, service.accessTokenLifetime());
        assertEquals("system/*.rs", service.scope());
        assertEquals("k1", Json.parse(service.jwks()).at("/keys/0/kid").asText(), "the JWKS as JSON text");
    }

    @Test
    void accessPolicyStatesAndTombstone() {
        String tenant = newTenant();
        String user = newPatient(tenant);
        String policy = newId("p");
        put("/AccessPolicy/" + policy, policyJson(tenant, policy, "User", user)).statusCode(201);
        operator().delete("/AccessPolicy/" + policy).then().statusCode(204);

        List<TopicProbe.Message> records = records(Topics.ACCESS_POLICIES, tenant + "/" + policy, 2);
        AccessPolicyState state = EventCodec.decode(records.get(0).value()).payloadAs(AccessPolicyState.class);
        assertEquals(AccessPolicyState.TYPE, records.get(0).type());
        assertEquals(new AccessPolicyState(policy, tenant, "rules", List.of(new AccessPolicyState.Link("User", user)),
                List.of(new AccessPolicyState.Rule(List.of("Patient", "Observation"), List.of("read", "search"),
                        "Allow")), 1), state);
        assertNull(records.get(1).value(), "a delete is a tombstone");
    }
}
