package io.tenfold.local.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker in a child JVM (broker and controller in one process), on loopback.
 * It can be stopped and started again on the same ports and data, which is how tests show that nothing is lost
 * while Kafka is down. The ports are remembered in its directory so a restarted runner finds its data again.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort, String classpath) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    /**
     * A broker on {@code dir}: its ports are those remembered there if still free, else new free ones.
     * {@code classpath} must hold kafka_2.13 and its dependencies (this JVM's class path does).
     */
    public static KafkaBroker in(Path dir, String classpath) throws IOException {
        Files.createDirectories(dir);
        Path ports = dir.resolve("ports.properties");
        Properties remembered = new Properties();
        if (Files.exists(ports)) {
            try (InputStream in = Files.newInputStream(ports)) {
                remembered.load(in);
            }
        }
        int port = reuse(remembered.getProperty("port"));
        int controller = reuse(remembered.getProperty("controller.port"));
        if (controller == port) {
            controller = Ports.free();
        }
        remembered.setProperty("port", String.valueOf(port));
        remembered.setProperty("controller.port", String.valueOf(controller));
        try (OutputStream out = Files.newOutputStream(ports)) {
            remembered.store(out, "Kafka ports of this data directory");
        }
        return new KafkaBroker(dir, port, controller, classpath);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (formatting its storage the first time) and waits until it answers. */
    public synchronized void start() throws IOException, InterruptedException {
        if (isRunning()) {
            return;
        }
        Path config = writeConfig();
        Path logs = dir.resolve("data");
        if (!Files.exists(logs.resolve("meta.properties"))) {
            run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString()), dir.resolve("format.log"), Duration.ofSeconds(60));
        }
        process = launch(List.of("kafka.Kafka", config.toString()), dir.resolve("broker.log"));
        try {
            awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops the broker (controlled shutdown, then kill) and waits until it is gone. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private Path writeConfig() throws IOException {
        Path logs = dir.resolve("data");
        Files.createDirectories(logs);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.cleaner.min.compaction.lag.ms", "0");
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "written by Tenfold");
        }
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d %p %c{1} %m%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.console.ref = console", ""));
        return config;
    }

    private Process launch(List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms128m", "-Xmx512m",
                "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classpath));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.remove("KAFKA_OPTS");
        env.remove("JAVA_TOOL_OPTIONS");
        return builder.start();
    }

    private void run(List<String> mainAndArgs, Path log, Duration timeout) throws IOException,
            InterruptedException {
        Process tool = launch(mainAndArgs, log);
        if (!tool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            throw new IOException("Kafka " + mainAndArgs.get(0) + " failed; see " + log);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Kafka exited with " + process.exitValue() + "; see "
                        + dir.resolve("broker.log"));
            }
            if (Ports.isOpen("127.0.0.1", port)) {
                // Kafka loads plugin classes through the context class loader: make it ours, so that this
                // works inside a Quarkus test too, where Kafka's classes exist in two loaders.
                Thread thread = Thread.currentThread();
                ClassLoader context = thread.getContextClassLoader();
                thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
                try (Admin admin = Admin.create(props)) {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                } finally {
                    thread.setContextClassLoader(context);
                }
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IOException("Kafka did not start within " + START_TIMEOUT + "; see " + dir.resolve("broker.log"),
                last);
    }

    private static int reuse(String remembered) {
        if (remembered != null) {
            int port = Integer.parseInt(remembered);
            if (Ports.isFree(port)) {
                return port;
            }
        }
        return Ports.free();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The class path of this JVM with absolute entries, for children that need the same libraries. */
    public static String currentClasspath() {
        String cp = System.getProperty("java.class.path");
        if (cp == null || cp.isBlank()) {
            throw new UncheckedIOException(new IOException("no class path to start Kafka with"));
        }
        return Arrays.stream(cp.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
