package io.tenfold.bulk.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.tenfold.commons.db.TenantScope;

/** The row-level security scope for JDBC transactions (the exports' own connections), as {@link TenantScope}. */
final class TenantSql {

    /** {@link TenantScope#SET_SQL} with JDBC's parameter marker. */
    private static final String SET_SQL = TenantScope.SET_SQL.replace("$1", "?");

    private TenantSql() {
    }

    /** Scopes the rest of the connection's current transaction to {@code scope}. */
    static void enter(Connection connection, String scope) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement(SET_SQL)) {
            set.setString(1, scope);
            set.executeQuery().close();
        }
    }
}
