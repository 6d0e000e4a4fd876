package io.tenfold.tenant.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.tenfold.local.infra.DatabaseBootstrap;
import io.tenfold.local.infra.PostgresServer;
import io.tenfold.local.testing.SharedInfra;

/** Looks into the database as its administrator, to check what a request did or did not write. */
public final class Db {

    private Db() {
    }

    public static Connection admin() throws SQLException {
        PostgresServer pg = SharedInfra.get().postgres();
        return DriverManager.getConnection(DatabaseBootstrap.withDatabase(pg.adminJdbcUrl(), PostgresServer.DATABASE),
                pg.adminProperties());
    }

    public static long count(String sql, Object... params) {
        try (Connection conn = admin(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
