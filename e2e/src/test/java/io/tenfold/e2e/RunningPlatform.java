package io.tenfold.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.tenfold.local.Platform;
import io.tenfold.local.infra.Ports;

/**
 * The whole platform, started once for all e2e tests the way the runner starts it (PostgreSQL, a Kafka broker,
 * the five packaged services, the router), on free ports and a throw-away data directory.
 */
final class RunningPlatform {

    private static Platform platform;

    private RunningPlatform() {
    }

    static synchronized Platform get() throws Exception {
        if (platform == null) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            Platform.SERVICES.forEach(service -> ports.put(service, Ports.free()));
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            Platform.Options options = new Platform.Options(Files.createTempDirectory("tenfold-e2e-"), true, true,
                    "127.0.0.1", Ports.free(), ports, Optional.empty(), Optional.empty(), "operator",
                    Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)), repository(),
                    line -> System.out.println("[platform] " + line));
            platform = Platform.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "e2e-platform-stop"));
            RestAssured.baseURI = "http://localhost";
            RestAssured.port = platform.port();
        }
        return platform;
    }

    static RequestSpecification operator() throws Exception {
        Platform p = get();
        return RestAssured.given().auth().preemptive().basic(p.operatorClientId(), p.operatorSecret());
    }

    /** The repository whose services were packaged: the nearest folder up that holds them. */
    private static Path repository() {
        String configured = System.getProperty("tenfold.repo");
        Path start = (configured == null ? Path.of("") : Path.of(configured)).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tenant-service")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Tenfold repository above " + start);
    }
}
