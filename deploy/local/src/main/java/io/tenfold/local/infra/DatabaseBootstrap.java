package io.tenfold.local.infra;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Prepares a PostgreSQL server for Tenfold with an administrator's connection: the database, one ordinary login
 * role per service with a fresh password, and each service's schema owned by its role. Idempotent; what a
 * cluster's DBA does once by hand (see docs/operator-guide.md).
 */
public final class DatabaseBootstrap {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DatabaseBootstrap() {
    }

    /**
     * @param adminUrl a JDBC URL of the server with an administrator (CREATEROLE, CREATEDB) and its database
     * @param database the database to create or reuse
     * @return the password of each role, by service name
     */
    public static Map<String, String> prepare(String adminUrl, Properties admin, String database)
            throws SQLException {
        try (Connection conn = DriverManager.getConnection(adminUrl, admin)) {
            if (!exists(conn, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                try (Statement st = conn.createStatement()) {
                    st.execute("CREATE DATABASE " + identifier(database) + " ENCODING 'UTF8'");
                }
            }
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        try (Connection conn = DriverManager.getConnection(withDatabase(adminUrl, database), admin);
                Statement st = conn.createStatement()) {
            st.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            for (ServiceDatabase db : ServiceDatabase.ALL) {
                String password = password();
                if (exists(conn, "SELECT 1 FROM pg_roles WHERE rolname = ?", db.role())) {
                    st.execute("ALTER ROLE " + identifier(db.role()) + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD "
                            + literal(password));
                } else {
                    st.execute("CREATE ROLE " + identifier(db.role()) + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD "
                            + literal(password));
                }
                // No statement of a service may run away with a backend.
                st.execute("ALTER ROLE " + identifier(db.role()) + " SET statement_timeout = '60s'");
                st.execute("CREATE SCHEMA IF NOT EXISTS " + identifier(db.schema()) + " AUTHORIZATION "
                        + identifier(db.role()));
                st.execute("REVOKE ALL ON SCHEMA " + identifier(db.schema()) + " FROM PUBLIC");
                passwords.put(db.service(), password);
            }
        }
        return passwords;
    }

    /** Replaces the database of a {@code jdbc:postgresql://host:port/db?params} URL. */
    public static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int slash = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        String hostPart = jdbcUrl.substring(0, slash < 0 ? (query < 0 ? jdbcUrl.length() : query) : slash);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return hostPart + "/" + database + params;
    }

    private static boolean exists(Connection conn, String sql, String value) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Names come from {@link ServiceDatabase} and the command line; quote them anyway. */
    static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unsafe SQL identifier: " + name);
        }
        return "\"" + name + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
