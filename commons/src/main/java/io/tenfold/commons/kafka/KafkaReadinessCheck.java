package io.tenfold.commons.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness reflects the broker: a service whose events cannot flow is not ready. Cached for two seconds. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final Duration CACHE = Duration.ofSeconds(2);

    private final KafkaClients clients;
    private Admin admin;
    private HealthCheckResponse last;
    private Instant lastAt = Instant.EPOCH;

    public KafkaReadinessCheck(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        if (last != null && Instant.now().isBefore(lastAt.plus(CACHE))) {
            return last;
        }
        try {
            if (admin == null) {
                admin = clients.admin("health");
            }
            int nodes = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            last = HealthCheckResponse.named("kafka").up().withData("brokers", nodes).build();
        } catch (Exception e) {
            last = HealthCheckResponse.named("kafka").down().withData("error", e.getClass().getSimpleName())
                    .build();
        }
        lastAt = Instant.now();
        return last;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
