package io.tenfold.tenant.provisioning;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.TenantProvisioning;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.kafka.KafkaClients;
import io.tenfold.commons.kafka.TopicBootstrap;
import io.tenfold.commons.kafka.TopicReader;

/** Collects the services' provisioning reports from {@code tenfold.tenants.provisioning.v1}. */
@ApplicationScoped
public class ProvisioningListener {

    private static final Logger LOG = Logger.getLogger(ProvisioningListener.class);

    private final TopicReader reader;
    private final ProvisioningRepository repository;

    public ProvisioningListener(KafkaClients clients, TopicBootstrap topics, ProvisioningRepository repository) {
        this.repository = repository;
        this.reader = TopicReader.grouped(clients, topics, Topics.TENANT_PROVISIONING, "tenant-service", this::handle);
    }

    void start(@Observes StartupEvent event) {
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        TenantProvisioning report;
        try {
            report = EventCodec.decode(record.value()).payloadAs(TenantProvisioning.class);
        } catch (RuntimeException e) {
            LOG.warnf("Skipping undecodable provisioning report at offset %d: %s", record.offset(), e.toString());
            return;
        }
        repository.record(report).await().atMost(Duration.ofSeconds(30));
    }
}
