package io.tenfold.tenant.tenant;

import static io.tenfold.tenant.support.Operator.newTenantId;
import static io.tenfold.tenant.support.Operator.operator;
import static io.tenfold.tenant.support.Operator.tenantJson;
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
 * The second wall: as the service's own database role, a transaction sees and writes only the rows of the
 * tenant it is scoped to, and nothing when it forgot to scope itself.
 */
@QuarkusTest
class RowLevelSecurityTest {

    @Test
    void aTransactionSeesOnlyItsTenantsRows() throws Exception {
        String a = newTenantId();
        String b = newTenantId();
        operator().contentType("application/json").body(tenantJson(a, "A")).post("/Tenant").then().statusCode(201);
        operator().contentType("application/json").body(tenantJson(b, "B")).post("/Tenant").then().statusCode(201);

        try (Connection conn = Db.asService("tenant-service")) {
            conn.setAutoCommit(false);
            assertEquals(0, count(conn, a) + count(conn, b), "unscoped: nothing");
            Rls.scope(conn, a);
            assertEquals(1, count(conn, a));
            assertEquals(0, count(conn, b), "scoped to A: B is invisible");
            assertThrows(SQLException.class, () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO tenant.provisioning "
                        + "(tenant_id, service, status, tenant_seq) VALUES (?, 'x', 'READY', 1)")) {
                    ps.setString(1, b);
                    ps.executeUpdate();
                }
            }, "scoped to A: writing B's rows is refused");
            conn.rollback();
        }
    }

    private static long count(Connection conn, String tenant) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM tenant.tenants WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
