package io.tenfold.commons.kafka;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka connection and topic layout (env {@code TENFOLD_KAFKA_BOOTSTRAP_SERVERS} and friends). */
@ConfigMapping(prefix = "tenfold.kafka")
public interface KafkaConfig {

    /** {@code host:port[,host:port]} of the brokers. */
    String bootstrapServers();

    /** Partitions of topics this service creates when they are missing. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of topics this service creates (3 in production clusters). */
    @WithDefault("1")
    short replicationFactor();

    /**
     * Extra client properties passed to every producer, consumer and admin client, e.g.
     * {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} (from a Secret).
     */
    Map<String, String> properties();
}
