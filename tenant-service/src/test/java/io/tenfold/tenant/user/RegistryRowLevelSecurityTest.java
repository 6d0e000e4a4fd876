package io.tenfold.tenant.user;

import static io.tenfold.tenant.support.Registry.newEmail;
import static io.tenfold.tenant.support.Registry.newId;
import static io.tenfold.tenant.support.Registry.newPatient;
import static io.tenfold.tenant.support.Registry.newTenant;
import static io.tenfold.tenant.support.Registry.operatorUserJson;
import static io.tenfold.tenant.support.Registry.publicAppJson;
import static io.tenfold.tenant.support.Registry.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.local.testing.Db;
import io.tenfold.tenant.support.Rls;

/**
 * The second wall on the registry tables: as the service's own role, a transaction sees and writes only the
 * users (and clients, policies, invites) of the tenant it is scoped to; the global scope sees only global rows;
 * an unscoped transaction sees nothing.
 */
@QuarkusTest
class RegistryRowLevelSecurityTest {

    @Test
    void aTransactionSeesOnlyItsTenantsUsers() throws Exception {
        String a = newTenant();
        String b = newTenant();
        String userA = newPatient(a);
        String userB = newPatient(b);
        String op = newId("op");
        put("/User/" + op, operatorUserJson(op, newEmail(), "operator password")).statusCode(201);
        String clientB = newId("c");
        put("/Client/" + clientB, publicAppJson(b, clientB)).statusCode(201);

        try (Connection conn = Db.asService("tenant-service")) {
            conn.setAutoCommit(false);
            assertEquals(0, count(conn, "users", userA, userB, op), "unscoped: nothing");
            Rls.scope(conn, a);
            assertEquals(1, count(conn, "users", userA, userB, op), "scoped to A: only A's user");
            assertEquals(0, count(conn, "users", userB), "B's user is invisible");
            assertEquals(0, count(conn, "clients", clientB), "B's client is invisible");
            assertEquals(0, update(conn, userB), "B's user cannot be changed");
            assertThrows(SQLException.class, () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO tenant.users (tenant_id, id, email, "
                        + "resource, version, created_at, updated_at) VALUES (?, 'sneaky', 'x@y.org', '{}', 1, "
                        + "now(), now())")) {
                    ps.setString(1, b);
                    ps.executeUpdate();
                }
            }, "scoped to A: writing B's users is refused");
            conn.rollback();

            Rls.scope(conn, "_global");
            assertEquals(1, count(conn, "users", userA, userB, op), "the global scope sees only global rows");
            assertEquals(1, count(conn, "users", op));
            conn.rollback();
        }
    }

    private static long count(Connection conn, String table, String... ids) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM tenant." + table
                + " WHERE id = ANY (?)")) {
            ps.setArray(1, conn.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int update(Connection conn, String id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE tenant.users SET email = 'taken@evil.org' "
                + "WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate();
        }
    }
}
