package io.tenfold.commons.event;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The envelope of every event value on Kafka. {@code type} names the payload schema with its version
 * (e.g. {@code tenant.state.v1}); {@code traceparent} carries the W3C trace context of the request that caused it.
 */
@RegisterForReflection
public record EventEnvelope(UUID eventId, String type, String tenantId, Instant occurredAt, String traceparent,
        JsonNode payload) {

    public static EventEnvelope of(String type, String tenantId, String traceparent, Object payload) {
        return new EventEnvelope(UUID.randomUUID(), type, tenantId, Instant.now(), traceparent,
                EventCodec.toTree(payload));
    }

    public <T> T payloadAs(Class<T> type) {
        return EventCodec.fromTree(payload, type);
    }
}
