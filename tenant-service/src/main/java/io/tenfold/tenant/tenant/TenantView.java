package io.tenfold.tenant.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.commons.event.TenantProvisioning;
import io.tenfold.tenant.provisioning.ProvisioningConfig;
import io.tenfold.tenant.provisioning.ProvisioningRepository.Report;

/**
 * A Tenant as the operator API shows it: Smartbox's shape plus {@code meta} and {@code provisioning}, which
 * tells per service whether it serves the tenant's current state ({@code ready}) or not yet ({@code pending}).
 */
@ApplicationScoped
public class TenantView {

    private final List<String> services;

    public TenantView(ProvisioningConfig config) {
        this.services = List.copyOf(config.services());
    }

    public ObjectNode render(TenantEntity tenant, List<Report> reports) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("resourceType", "Tenant");
        node.put("id", tenant.id);
        node.put("name", tenant.name);
        ObjectNode meta = node.putObject("meta");
        meta.put("versionId", String.valueOf(tenant.version));
        meta.put("lastUpdated", tenant.updatedAt.toString());
        meta.put("createdAt", tenant.createdAt.toString());
        ObjectNode provisioning = node.putObject("provisioning");
        ObjectNode byService = JsonNodeFactory.instance.objectNode();
        boolean allReady = true;
        for (String service : services) {
            boolean ready = reports.stream().anyMatch(r -> r.service().equals(service)
                    && r.status() == TenantProvisioning.Status.READY && r.tenantSeq() >= tenant.seq);
            byService.put(service, ready ? "ready" : "pending");
            allReady &= ready;
        }
        provisioning.put("status", allReady ? "ready" : "in-progress");
        provisioning.set("services", byService);
        return node;
    }
}
