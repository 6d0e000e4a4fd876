package io.tenfold.commons.outbox;

import java.util.UUID;

import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;

/** A record waiting in a service's outbox table; {@code value} null is a tombstone. */
public record OutboxMessage(String tenantId, String topic, String key, String value, UUID eventId, String type) {

    public static OutboxMessage event(String topic, String key, EventEnvelope envelope) {
        return new OutboxMessage(envelope.tenantId(), topic, key, EventCodec.encode(envelope), envelope.eventId(),
                envelope.type());
    }

    public static OutboxMessage tombstone(String topic, String key, String tenantId, String type) {
        return new OutboxMessage(tenantId, topic, key, null, UUID.randomUUID(), type);
    }
}
