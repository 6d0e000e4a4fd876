package io.tenfold.local.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning, as any consumer would, to see what a service published. */
public final class TopicProbe {

    /** A record as tests see it (plain JDK types, so that it crosses class loaders). */
    public record Message(String key, byte[] value, long seq, String type) {

        public String text() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    private TopicProbe() {
    }

    public static List<Message> messages(String topic, Predicate<Message> filter) {
        return TenantEvents.withOwnClassLoader(() -> read(topic, filter));
    }

    private static List<Message> read(String topic, Predicate<Message> filter) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<Message> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Message message = new Message(record.key(), record.value(), seq(record),
                            header(record, "tenfold-type"));
                    if (filter.test(message)) {
                        found.add(message);
                    }
                }
            }
        }
        return found;
    }

    private static long seq(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("tenfold-seq");
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
