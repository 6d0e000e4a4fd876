package io.tenfold.auth.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.commons.event.ClientState;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.RegistryKeys;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.event.UserState;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TenantEvents;

/**
 * Plays tenant-service for auth-service's tests: announces tenants, clients, users and access policies on their
 * topics as the registry does, and waits until auth-service has them.
 */
public final class Registry {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private Registry() {
    }

    /** A new tenant, live in auth-service (its keys exist). */
    public static String tenant(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        TenantEvents.publish(id, "Clinic " + id);
        await().atMost(WITHIN).untilAsserted(() ->
                given().get("/tenant/" + id + "/provider/auth/jwks").then().statusCode(200));
        return id;
    }

    public static void client(ClientState client) {
        publish(Topics.CLIENTS, client.tenantId(), client.id(), ClientState.TYPE, client);
        awaitRow(client.tenantId(), "client", client.id(), client.version());
    }

    public static void user(UserState user) {
        publish(Topics.USERS, user.tenantId(), user.id(), UserState.TYPE, user);
        awaitRow(user.tenantId(), "user", user.id(), user.version());
    }

    /** An {@code allow} policy linking the given clients and users ({@code Client/id}, {@code User/id}). */
    public static void allowPolicy(String tenantId, String... links) {
        String id = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        List<AccessPolicyState.Link> parsed = Arrays.stream(links)
                .map(l -> new AccessPolicyState.Link(l.substring(0, l.indexOf('/')), l.substring(l.indexOf('/') + 1)))
                .toList();
        AccessPolicyState policy = new AccessPolicyState(id, tenantId, "allow", parsed, List.of(), 1);
        publish(Topics.ACCESS_POLICIES, tenantId, id, AccessPolicyState.TYPE, policy);
        awaitRow(tenantId, "access-policy", id, 1);
    }

    public static void deleteClient(String tenantId, String clientId) {
        TenantEvents.publish(Topics.CLIENTS, RegistryKeys.key(tenantId, clientId), tenantId, ClientState.TYPE, null);
        await().atMost(WITHIN).until(() -> Db.count("SELECT count(*) FROM auth.registry_state WHERE tenant_id = ? "
                + "AND kind = 'client' AND id = ? AND deleted", tenantId, clientId) == 1);
    }

    private static void publish(String topic, String tenantId, String id, String type, Object payload) {
        String envelope = EventCodec.encode(EventEnvelope.of(type, tenantId, null, payload));
        TenantEvents.publish(topic, RegistryKeys.key(tenantId, id), tenantId, type,
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitRow(String tenantId, String kind, String id, long version) {
        await().atMost(WITHIN).until(() -> Db.count("SELECT count(*) FROM auth.registry_state WHERE tenant_id = ? "
                + "AND kind = ? AND id = ? AND NOT deleted AND (state ->> 'version')::bigint = ?", tenantId, kind, id,
                version) == 1);
    }
}
