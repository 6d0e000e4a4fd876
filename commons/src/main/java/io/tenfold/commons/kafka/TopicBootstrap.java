package io.tenfold.commons.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.tenfold.commons.event.Topics;

/**
 * Creates the platform's topics that are missing, with their layout (compaction for registry state). Every
 * service calls it before it produces or consumes, so no start order is needed; creating is idempotent.
 */
@ApplicationScoped
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);
    /** Deletes of registry state must reach services that were away: keep tombstones for 30 days. */
    private static final String TOMBSTONE_RETENTION_MS = String.valueOf(Duration.ofDays(30).toMillis());

    private final KafkaClients clients;
    private final KafkaConfig config;
    private volatile boolean done;

    public TopicBootstrap(KafkaClients clients, KafkaConfig config) {
        this.clients = clients;
        this.config = config;
    }

    /** Makes sure every topic exists; blocks until the broker answers or {@code timeout} passes. */
    public synchronized boolean ensure(Duration timeout) {
        if (done) {
            return true;
        }
        try (Admin admin = clients.admin("topics")) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(this::newTopic)
                    .toList();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.infof("Created topic %s", topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            done = true;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("Kafka topics not ready yet: %s", e.toString());
            return false;
        }
    }

    private NewTopic newTopic(Topics.Spec spec) {
        NewTopic topic = new NewTopic(spec.name(), config.partitions(), config.replicationFactor());
        if (spec.compacted()) {
            topic.configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.DELETE_RETENTION_MS_CONFIG, TOMBSTONE_RETENTION_MS));
        }
        return topic;
    }
}
