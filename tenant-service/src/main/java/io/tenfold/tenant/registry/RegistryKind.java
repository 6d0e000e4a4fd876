package io.tenfold.tenant.registry;

import io.tenfold.commons.error.ResourceNotFoundException;
import io.tenfold.commons.error.ResourceVersionConflictException;
import io.tenfold.commons.event.AccessPolicyState;
import io.tenfold.commons.event.ClientState;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.RegistryKeys;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.outbox.OutboxMessage;

/** The kinds of tenant-scoped registry resources: their table, their state topic and their error codes. */
public enum RegistryKind {

    USER("User", "users", Topics.USERS, UserState.TYPE, "user"),
    CLIENT("Client", "clients", Topics.CLIENTS, ClientState.TYPE, "client"),
    ACCESS_POLICY("AccessPolicy", "access_policies", Topics.ACCESS_POLICIES, AccessPolicyState.TYPE,
            "access-policy");

    private final String resourceType;
    private final String table;
    private final String topic;
    private final String eventType;
    private final String code;

    RegistryKind(String resourceType, String table, String topic, String eventType, String code) {
        this.resourceType = resourceType;
        this.table = table;
        this.topic = topic;
        this.eventType = eventType;
        this.code = code;
    }

    public String resourceType() {
        return resourceType;
    }

    /** The table, qualified with the service's schema. */
    public String table() {
        return "tenant." + table;
    }

    /** The full state of a resource on its topic, keyed {@code tenantId/id}. */
    public OutboxMessage event(String tenantId, String id, Object state) {
        return OutboxMessage.event(topic, RegistryKeys.key(tenantId, id),
                EventEnvelope.of(eventType, tenantId, null, state));
    }

    /** The deletion of a resource: a tombstone under its key. */
    public OutboxMessage tombstone(String tenantId, String id) {
        return OutboxMessage.tombstone(topic, RegistryKeys.key(tenantId, id), tenantId, eventType);
    }

    public ResourceNotFoundException notFound() {
        return new ResourceNotFoundException(code + "-not-found", "No such " + resourceType);
    }

    public ResourceVersionConflictException exists(String id) {
        return new ResourceVersionConflictException(code + "-exists", resourceType + " " + id
                + " already exists (ids are unique across tenants, and a resource cannot move to another tenant)",
                resourceType + ".id");
    }

    public ResourceVersionConflictException linked(String id, String policyId) {
        return new ResourceVersionConflictException(code + "-linked", resourceType + " " + id
                + " is linked from AccessPolicy " + policyId + "; change or delete that policy first");
    }
}
