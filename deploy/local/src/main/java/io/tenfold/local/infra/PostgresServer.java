package io.tenfold.local.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL that Tenfold runs on: either started here from zonky's embedded binaries (no Docker, works as
 * root) or an existing server given by URL, as a cluster install would use.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "tenfold";

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String database;
    private final Properties admin;

    private PostgresServer(EmbeddedPostgres embedded, String host, int port, String database, Properties admin) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.database = database;
        this.admin = admin;
    }

    /**
     * Starts PostgreSQL on a data directory; an existing cluster there is reused unless {@code clean}, which
     * also deletes the directory when closed.
     */
    public static PostgresServer embedded(Path dataDir, Path binariesDir, int port, boolean clean)
            throws IOException {
        Files.createDirectories(binariesDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(clean)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setPgBinaryResolver(PostgresServer::binaries)
                .setServerConfig("max_connections", "400")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", clean ? "off" : "on")
                .start();
        Properties admin = new Properties();
        admin.setProperty("user", "postgres");
        return new PostgresServer(pg, "127.0.0.1", pg.getPort(), DATABASE, admin);
    }

    /**
     * An existing server: {@code postgresql://user:password@host:port/database} or
     * {@code jdbc:postgresql://host:port/database?user=..&password=..}. The user must be allowed to create roles
     * and schemas.
     */
    public static PostgresServer external(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri = URI.create(plain.replaceFirst("^postgres(ql)?://", "http://"));
        Properties admin = new Properties();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            admin.setProperty("user", decode(parts[0]));
            if (parts.length > 1) {
                admin.setProperty("password", decode(parts[1]));
            }
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                admin.setProperty(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new PostgresServer(null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                path.isEmpty() ? DATABASE : path, admin);
    }

    /**
     * The binaries for this system, the first found on the class path: the runner's jar also lists its
     * libraries in its manifest, so in a reactor build the binaries jar can be there twice.
     */
    private static InputStream binaries(String system, String hardware) throws IOException {
        String name = "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware.toLowerCase(Locale.ROOT)
                + ".txz";
        InputStream in = PostgresServer.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no embedded PostgreSQL binaries " + name + " on the class path");
        }
        return in;
    }

    /** Creates the database, the service roles and schemas; returns each service's password. */
    public Map<String, String> prepare() throws SQLException {
        return DatabaseBootstrap.prepare(adminJdbcUrl(), admin, database);
    }

    /** A JDBC URL of the server's maintenance database, for the administrator. */
    public String adminJdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres";
    }

    public Properties adminProperties() {
        return (Properties) admin.clone();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
