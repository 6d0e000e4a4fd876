package io.tenfold.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar deploy/local/target/tenfold-local.jar [options]}: runs all of Tenfold on this machine.
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar deploy/local/target/tenfold-local.jar [options]

              --port N          router port, the one HTTP entry point (default 8080); the services listen
                                on N+1..N+5 (tenant, auth, fhir, portal, bulk) on 127.0.0.1
              --host H          interface the router binds (default 127.0.0.1; 0.0.0.0 for all)
              --data-dir DIR    where PostgreSQL, Kafka, logs and generated secrets live
                                (default ~/.tenfold; kept between runs)
              --fresh           delete the data directory first
              --demo            create the demo tenant 'demo'
              --postgres URL    use an existing PostgreSQL instead of starting one,
                                e.g. postgresql://admin:secret@db:5432/tenfold (needs CREATEROLE)
              --kafka HOST:PORT use an existing Kafka instead of starting one
              --help            this text

            Environment: TENFOLD_OPERATOR_CLIENT_ID (default operator), TENFOLD_OPERATOR_SECRET
            (generated and kept in the data directory when unset).
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        if (opts == null) {
            System.out.print(USAGE);
            System.exit(2);
            return;
        }
        int port = Integer.parseInt(opts.getOrDefault("port", "8080"));
        Path dataDir = Path.of(opts.getOrDefault("data-dir",
                Path.of(System.getProperty("user.home"), ".tenfold").toString())).toAbsolutePath();
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        for (int i = 0; i < Platform.SERVICES.size(); i++) {
            servicePorts.put(Platform.SERVICES.get(i), port + 1 + i);
        }
        Platform.Options options = new Platform.Options(dataDir, opts.containsKey("fresh"), false,
                opts.getOrDefault("host", "127.0.0.1"), port, servicePorts,
                Optional.ofNullable(opts.get("postgres")), Optional.ofNullable(opts.get("kafka")),
                Optional.ofNullable(System.getenv("TENFOLD_OPERATOR_CLIENT_ID")).orElse("operator"),
                Optional.ofNullable(System.getenv("TENFOLD_OPERATOR_SECRET")).filter(s -> !s.isBlank()),
                appsRoot(), Main::say);

        say("Starting Tenfold (data in " + dataDir + ", logs in " + dataDir.resolve("logs") + ")");
        Platform platform;
        try {
            platform = Platform.start(options);
        } catch (Exception e) {
            say("Tenfold did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping Tenfold...");
            platform.close();
            say("Stopped.");
            stopped.countDown();
        }, "tenfold-stop"));
        if (opts.containsKey("demo")) {
            platform.seedDemo();
        }
        System.out.println("Tenfold is up at " + platform.baseUrl() + " (operator client id: "
                + platform.operatorClientId() + ", secret: " + platform.operatorSecret() + ")  Ctrl-C stops it.");
        stopped.await();
    }

    /** Where the services' builds are: the repository holding this runner's jar. */
    private static Path appsRoot() throws Exception {
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tenant-service")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> flags = List.of("fresh", "demo");
        List<String> valued = new ArrayList<>(List.of("port", "host", "data-dir", "postgres", "kafka"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                return null;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name) && value == null) {
                opts.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        return null;
                    }
                    value = args[++i];
                }
                opts.put(name, value);
            } else {
                return null;
            }
        }
        if (opts.containsKey("port") && !opts.get("port").matches("\\d{1,5}")) {
            return null;
        }
        return opts;
    }

    private static void say(String line) {
        System.out.println("[" + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + line);
    }
}
