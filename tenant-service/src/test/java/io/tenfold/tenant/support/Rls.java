package io.tenfold.tenant.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Row-level security as a transaction of the service's own role sees it. */
public final class Rls {

    private Rls() {
    }

    /** Scopes the connection's current transaction, as every transaction of the service does first. */
    public static void scope(Connection conn, String tenant) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT set_config('tenfold.tenant', ?, true)")) {
            ps.setString(1, tenant);
            ps.execute();
        }
    }
}
