package io.tenfold.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.tenfold.local.infra.KafkaBroker;
import io.tenfold.local.infra.Ports;
import io.tenfold.local.infra.PostgresServer;
import io.tenfold.local.infra.ServiceDatabase;
import io.tenfold.local.router.RouteTable;
import io.tenfold.local.router.Router;
import io.vertx.core.Vertx;

/**
 * The whole of Tenfold on one machine: PostgreSQL, a Kafka broker, the five services as child JVMs and the
 * router on one port. The runner ({@link Main}) and the e2e tests start it the same way.
 */
public final class Platform implements AutoCloseable {

    /** The services, in the order they start; all start in parallel once PostgreSQL and Kafka are up. */
    public static final List<String> SERVICES = ServiceDatabase.ALL.stream().map(ServiceDatabase::service).toList();

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /** How to start it. */
    public record Options(Path dataDir, boolean fresh, boolean ephemeral, String host, int port,
            Map<String, Integer> servicePorts, Optional<String> postgresUrl, Optional<String> kafka,
            String operatorClientId, Optional<String> operatorSecret, Path appsRoot, Consumer<String> progress) {
    }

    private final Options options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private String kafkaServers;
    private Vertx vertx;
    private Router router;
    private String operatorSecret;

    private Platform(Options options) {
        this.options = options;
    }

    /** Starts everything; on failure, stops what had started and rethrows. */
    public static Platform start(Options options) throws Exception {
        Platform platform = new Platform(options);
        try {
            platform.startAll();
            return platform;
        } catch (Exception e) {
            platform.close();
            throw e;
        }
    }

    public String baseUrl() {
        return "http://localhost:" + options.port();
    }

    /** The router's port: the one HTTP entry point. */
    public int port() {
        return options.port();
    }

    public String operatorClientId() {
        return options.operatorClientId();
    }

    public String operatorSecret() {
        return operatorSecret;
    }

    /** The broker this platform started (absent with {@code --kafka}); tests stop and start it. */
    public Optional<KafkaBroker> kafka() {
        return Optional.ofNullable(kafka);
    }

    /** Stops one service (tests show what keeps working without it). */
    public void stopService(String name) {
        service(name).stop();
    }

    /** Starts a stopped service again and waits until it is ready. */
    public void startService(String name) throws IOException, InterruptedException {
        ServiceProcess process = service(name);
        process.start();
        process.awaitReady(READY_TIMEOUT);
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public Path logs() {
        return options.dataDir().resolve("logs");
    }

    private void startAll() throws Exception {
        Path data = options.dataDir();
        if (options.fresh()) {
            delete(data);
        }
        Files.createDirectories(logs());
        Properties secrets = secrets(data.resolve("secrets.properties"));
        operatorSecret = options.operatorSecret().orElse(secrets.getProperty("operator.secret"));

        long t0 = System.nanoTime();
        postgres = options.postgresUrl().isPresent()
                ? PostgresServer.external(options.postgresUrl().get())
                : PostgresServer.embedded(data.resolve("postgres"), data.resolve("postgres-bin"),
                        Ports.free(), options.ephemeral());
        Map<String, String> passwords = postgres.prepare();
        progress("PostgreSQL ready on port %d (%s)", postgres.port(), since(t0));

        t0 = System.nanoTime();
        if (options.kafka().isPresent()) {
            kafkaServers = options.kafka().get();
            progress("Using Kafka at %s", kafkaServers);
        } else {
            kafka = KafkaBroker.in(data.resolve("kafka"), KafkaBroker.currentClasspath());
            kafka.start();
            kafkaServers = kafka.bootstrapServers();
            progress("Kafka (KRaft) ready at %s (%s)", kafkaServers, since(t0));
        }

        t0 = System.nanoTime();
        for (String service : SERVICES) {
            ServiceProcess process = new ServiceProcess(service, app(service), options.servicePorts().get(service),
                    env(service, passwords.get(service), secrets), logs().resolve(service + ".log"));
            services.add(process);
            process.start();
        }
        CompletableFuture<?>[] ready = services.stream().map(this::awaitReady).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(ready).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        progress("Services ready: %s (%s)", String.join(", ", SERVICES), since(t0));

        vertx = Vertx.vertx();
        router = new Router(vertx, RouteTable.packaged(), options.servicePorts());
        router.listen(options.host(), options.port()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        progress("Router listening on %s:%d", options.host(), options.port());
    }

    private CompletableFuture<Void> awaitReady(ServiceProcess process) {
        return CompletableFuture.runAsync(() -> {
            try {
                process.awaitReady(READY_TIMEOUT);
                progress("  %s ready on port %d", process.name(), process.port());
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
    }

    private Map<String, String> env(String service, String dbPassword, Properties secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        ServiceDatabase db = ServiceDatabase.of(service);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(options.servicePorts().get(service)));
        env.put("QUARKUS_DATASOURCE_USERNAME", db.role());
        env.put("QUARKUS_DATASOURCE_PASSWORD", dbPassword);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
        env.put("TENFOLD_KAFKA_BOOTSTRAP_SERVERS", kafkaServers);
        env.put("TENFOLD_PUBLIC_BASE_URL", baseUrl());
        if (service.equals("tenant-service") || service.equals("auth-service")) {
            env.put("TENFOLD_OPERATOR_CLIENT_ID", options.operatorClientId());
            env.put("TENFOLD_OPERATOR_SECRET", operatorSecret);
        }
        if (service.equals("auth-service")) {
            env.put("TENFOLD_AUTH_KEY_ENCRYPTION_KEY", secrets.getProperty("auth.key-encryption-key"));
        }
        if (service.equals("tenant-service")) {
            // Invitation mails go to a folder on this machine instead of an SMTP server.
            env.put("TENFOLD_MAIL_DIRECTORY", options.dataDir().resolve("mail").toString());
        }
        if (service.equals("tenant-service") || service.equals("fhir-service") || service.equals("bulk-service")) {
            // tenant-service asks auth-service for launch URIs; fhir- and bulk-service fetch the tenants' JWKS there
            env.put("TENFOLD_AUTH_URL", "http://127.0.0.1:" + options.servicePorts().get("auth-service"));
        }
        if (service.equals("auth-service")) {
            // the provider launch's patient picker searches the FHIR API
            env.put("TENFOLD_FHIR_URL", "http://127.0.0.1:" + options.servicePorts().get("fhir-service"));
        }
        if (service.equals("portal-service")) {
            env.put("TENFOLD_TENANT_SERVICE_URL", "http://127.0.0.1:" + options.servicePorts().get("tenant-service"));
        }
        return env;
    }

    private Path app(String service) {
        return options.appsRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Creates the demo tenant {@code demo} through the operator API, as an operator would (idempotent). */
    public void seedDemo() throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString(
                (options.operatorClientId() + ":" + operatorSecret).getBytes(StandardCharsets.UTF_8));
        HttpRequest put = HttpRequest.newBuilder(URI.create(baseUrl() + "/Tenant/demo"))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"resourceType\":\"Tenant\",\"id\":\"demo\",\"name\":\"Demo Clinic\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("demo tenant not created: " + response.statusCode() + " " + response.body());
        }
        progress("Demo tenant 'demo' created: %s/tenant/demo/patient/smart-api/metadata", baseUrl());
    }

    @Override
    public void close() {
        if (router != null) {
            router.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        services.parallelStream().forEach(ServiceProcess::stop);
        services.clear();
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            progress("PostgreSQL did not stop cleanly: %s", e.getMessage());
        }
        if (options.ephemeral()) {
            delete(options.dataDir());
        }
    }

    private static Properties secrets(Path file) throws IOException {
        Properties secrets = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                secrets.load(in);
            }
        }
        boolean changed = false;
        changed |= secrets.putIfAbsent("operator.secret", random(24)) == null;
        changed |= secrets.putIfAbsent("auth.key-encryption-key", random(32)) == null;
        if (changed) {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                secrets.store(out, "Generated by the Tenfold runner; keep private");
            }
        }
        return secrets;
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private void progress(String format, Object... args) {
        options.progress().accept(String.format(format, args));
    }

    private static String since(long t0) {
        return String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + dir, e);
        }
    }
}
