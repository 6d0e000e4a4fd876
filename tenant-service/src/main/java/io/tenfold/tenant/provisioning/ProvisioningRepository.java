package io.tenfold.tenant.provisioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.event.TenantProvisioning;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** What the services reported about each tenant, in {@code tenant.provisioning}. */
@ApplicationScoped
public class ProvisioningRepository {

    /** One service's last report on a tenant. */
    public record Report(String service, TenantProvisioning.Status status, long tenantSeq) {
    }

    private final Pool pool;

    public ProvisioningRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records a report unless a newer one is there; a purge report also forgets older ones. */
    public Uni<Void> record(TenantProvisioning report) {
        if (report.status() == TenantProvisioning.Status.PURGED) {
            return TenantScope.inTransaction(pool, report.tenantId(), tx -> tx.preparedQuery(
                    "DELETE FROM tenant.provisioning WHERE tenant_id = $1 AND service = $2 AND tenant_seq <= $3")
                    .execute(Tuple.of(report.tenantId(), report.service(), report.tenantSeq()))).replaceWithVoid();
        }
        return TenantScope.inTransaction(pool, report.tenantId(), tx -> tx.preparedQuery(
                "INSERT INTO tenant.provisioning AS p (tenant_id, service, status, tenant_seq, updated_at) "
                        + "VALUES ($1, $2, $3, $4, now()) ON CONFLICT (tenant_id, service) DO UPDATE SET "
                        + "status = excluded.status, tenant_seq = excluded.tenant_seq, updated_at = now() "
                        + "WHERE p.tenant_seq <= excluded.tenant_seq")
                .execute(Tuple.of(report.tenantId(), report.service(), report.status().name(), report.tenantSeq())))
                .replaceWithVoid();
    }

    /** The reports on each of the given tenants, by tenant id. */
    public Uni<Map<String, List<Report>>> reports(List<String> tenantIds) {
        if (tenantIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return TenantScope.inTransaction(pool, TenantScope.ALL, tx -> tx.preparedQuery(
                "SELECT tenant_id, service, status, tenant_seq FROM tenant.provisioning WHERE tenant_id = ANY($1)")
                .execute(Tuple.of(tenantIds.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, List<Report>> byTenant = new HashMap<>();
                    for (Row row : rows) {
                        byTenant.computeIfAbsent(row.getString("tenant_id"), k -> new ArrayList<>())
                                .add(new Report(row.getString("service"),
                                        TenantProvisioning.Status.valueOf(row.getString("status")),
                                        row.getLong("tenant_seq")));
                    }
                    return byTenant;
                });
    }
}
