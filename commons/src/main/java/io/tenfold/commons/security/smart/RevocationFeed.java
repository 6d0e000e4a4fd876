package io.tenfold.commons.security.smart;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tenfold.commons.event.EventCodec;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.TokensRevoked;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.kafka.KafkaClients;
import io.tenfold.commons.kafka.TopicBootstrap;
import io.tenfold.commons.kafka.TopicReader;

/**
 * Follows auth-service's revocations ({@code tenfold.auth.tokens-revoked.v1}) into {@link RevokedTokens}: every
 * replica reads the whole topic from the beginning (revocations are few; the expired ones are dropped as read),
 * and is not ready until it has read what was there when it started, so no replica serves a token revoked before
 * it came up.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = ProtectedApi.ENABLED, stringValue = "true")
public class RevocationFeed implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);

    private final KafkaClients clients;
    private final TopicBootstrap topics;
    private final RevokedTokens revoked;
    private volatile TopicReader reader;

    public RevocationFeed(KafkaClients clients, TopicBootstrap topics, RevokedTokens revoked) {
        this.clients = clients;
        this.topics = topics;
        this.revoked = revoked;
    }

    void start(@Observes StartupEvent event) {
        reader = TopicReader.replaying(clients, topics, Topics.TOKENS_REVOKED, "token-revocations", this::apply);
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.stop();
        }
    }

    @Override
    public HealthCheckResponse call() {
        TopicReader current = reader;
        return HealthCheckResponse.named("token-revocations").status(current != null && current.caughtUp()).build();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        TokensRevoked event;
        try {
            EventEnvelope envelope = EventCodec.decode(record.value());
            if (!TokensRevoked.TYPE.equals(envelope.type())) {
                return;
            }
            event = envelope.payloadAs(TokensRevoked.class);
        } catch (RuntimeException e) {
            LOG.warnf("Skipping undecodable revocation at offset %d: %s", record.offset(), e.toString());
            return;
        }
        if (event.tokens() == null) {
            return;
        }
        Map<String, Instant> tokens = new HashMap<>();
        for (TokensRevoked.Token token : event.tokens()) {
            if (token.jti() != null && token.expiresAt() != null) {
                tokens.put(token.jti(), token.expiresAt());
            }
        }
        revoked.revoke(tokens);
    }
}
