package io.tenfold.local.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays tenant-service for the other services' tests: publishes tenant states and tombstones on
 * {@code tenfold.tenants} in the wire format of ARCHITECTURE.md (envelope, headers), written out here by hand so
 * that these tests also check the consumers against the documented format.
 */
public final class TenantEvents {

    private static final String TOPIC = "tenfold.tenants";
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis());

    private TenantEvents() {
    }

    /** Publishes the state of a tenant (created or changed). */
    public static void publish(String tenantId, String name) {
        String envelope = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"tenant.state.v1\",\"tenantId\":\""
                + tenantId + "\",\"occurredAt\":\"" + Instant.now() + "\",\"traceparent\":null,\"payload\":{\"id\":\""
                + tenantId + "\",\"name\":\"" + name + "\",\"version\":1}}";
        send(tenantId, envelope.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes the deletion of a tenant: a tombstone. */
    public static void delete(String tenantId) {
        send(tenantId, null);
    }

    private static void send(String tenantId, byte[] value) {
        publish(TOPIC, tenantId, tenantId, "tenant.state.v1", value);
    }

    /**
     * Publishes any record the way a service's outbox relay does (key, value, and the {@code tenfold-*} headers
     * with an increasing sequence); {@code value} null is a tombstone.
     */
    public static void publish(String topic, String key, String tenantId, String type, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("tenfold-seq", ByteBuffer.allocate(Long.BYTES).putLong(SEQ.incrementAndGet()).array());
        headers.add("tenfold-event-id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("tenfold-type", type.getBytes(StandardCharsets.UTF_8));
        headers.add("tenfold-tenant", tenantId.getBytes(StandardCharsets.UTF_8));
        withOwnClassLoader(() -> {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
                producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
                return null;
            } catch (Exception e) {
                throw new IllegalStateException("could not publish to " + topic, e);
            }
        });
    }

    /** Kafka loads classes through the context class loader; inside a Quarkus test, use this class's. */
    static <T> T withOwnClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(TenantEvents.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(context);
        }
    }
}
