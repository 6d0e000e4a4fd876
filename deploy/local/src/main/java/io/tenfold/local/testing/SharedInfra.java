package io.tenfold.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.tenfold.local.infra.KafkaBroker;
import io.tenfold.local.infra.Ports;
import io.tenfold.local.infra.PostgresServer;
import io.tenfold.local.infra.ServiceDatabase;

/**
 * One real PostgreSQL and one real Kafka broker per test JVM, shared by every test class of a module and
 * stopped when the JVM exits. Services' tests load this class parent-first
 * ({@code quarkus.class-loading.parent-first-artifacts=io.tenfold:tenfold-local}) so that there is one instance
 * however often Quarkus restarts the application.
 */
public final class SharedInfra {

    private static SharedInfra instance;

    private final Path root;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Map<String, String> passwords;
    private final String operatorSecret = random();
    private final String keyEncryptionKey = random();

    private SharedInfra(Path root, PostgresServer postgres, KafkaBroker kafka, Map<String, String> passwords) {
        this.root = root;
        this.postgres = postgres;
        this.kafka = kafka;
        this.passwords = passwords;
    }

    public static synchronized SharedInfra get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "shared-infra-stop"));
        }
        return instance;
    }

    private static SharedInfra start() {
        try {
            Path root = Files.createTempDirectory("tenfold-test-");
            PostgresServer postgres = PostgresServer.embedded(root.resolve("postgres"), root.resolve("pg-bin"),
                    Ports.free(), true);
            try {
                Map<String, String> passwords = postgres.prepare();
                KafkaBroker kafka = KafkaBroker.in(root.resolve("kafka"), KafkaBroker.currentClasspath());
                kafka.start();
                return new SharedInfra(root, postgres, kafka, passwords);
            } catch (Exception e) {
                postgres.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("test infrastructure did not start", e);
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The public URL services under test build their links with; nothing listens there. */
    public static final String PUBLIC_BASE_URL = "http://tenfold.test";

    /** The operator client's secret, made up for this JVM. */
    public String operatorSecret() {
        return operatorSecret;
    }

    /**
     * The configuration a service needs to run on this infrastructure, as its own database role, with the
     * secrets it needs made up for this JVM (none are written in any properties file).
     */
    public Map<String, String> serviceConfig(String service) {
        ServiceDatabase db = ServiceDatabase.of(service);
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.username", db.role(),
                "quarkus.datasource.password", passwords.get(db.service()),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "tenfold.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "tenfold.public-base-url", PUBLIC_BASE_URL));
        if (db.service().equals("tenant-service") || db.service().equals("auth-service")) {
            config.put("tenfold.operator.client-id", "operator");
            config.put("tenfold.operator.secret", operatorSecret);
        }
        if (db.service().equals("auth-service")) {
            config.put("tenfold.auth.key-encryption-key", keyEncryptionKey);
        }
        return config;
    }

    private void stop() {
        try {
            kafka.close();
        } catch (Exception e) {
            // the JVM is going away
        }
        try {
            postgres.close();
        } catch (Exception e) {
            // the JVM is going away
        }
        deleteQuietly(root);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
