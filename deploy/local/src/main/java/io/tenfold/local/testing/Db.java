package io.tenfold.local.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import io.tenfold.local.infra.DatabaseBootstrap;
import io.tenfold.local.infra.PostgresServer;

/** The test database, as its administrator (to check what a request wrote) or as a service's own role. */
public final class Db {

    private Db() {
    }

    public static Connection admin() throws SQLException {
        PostgresServer pg = SharedInfra.get().postgres();
        return DriverManager.getConnection(DatabaseBootstrap.withDatabase(pg.adminJdbcUrl(), PostgresServer.DATABASE),
                pg.adminProperties());
    }

    /** A connection as the service's own (ordinary) role: row-level security applies. */
    public static Connection asService(String service) throws SQLException {
        Map<String, String> config = SharedInfra.get().serviceConfig(service);
        Properties props = new Properties();
        props.setProperty("user", config.get("quarkus.datasource.username"));
        props.setProperty("password", config.get("quarkus.datasource.password"));
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), props);
    }

    /** The first column of the first row of a query, as the administrator. */
    public static long count(String sql, Object... params) {
        try (Connection conn = admin(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
