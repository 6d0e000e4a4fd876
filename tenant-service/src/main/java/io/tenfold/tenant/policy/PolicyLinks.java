package io.tenfold.tenant.policy;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.Uni;
import io.tenfold.tenant.registry.Reference;
import io.tenfold.tenant.registry.RegistryKind;

/**
 * A user or client that an access policy links to cannot be deleted: the policy would silently apply to whatever
 * gets that id next. The operator changes or deletes the policy first.
 */
public final class PolicyLinks {

    private PolicyLinks() {
    }

    public static Uni<Void> refuseIfLinked(Mutiny.Session session, RegistryKind kind, String tenantId, String id) {
        String link = JsonNodeFactory.instance.arrayNode().add(new Reference(kind.resourceType(), id).toJson())
                .toString();
        return session.createNativeQuery("SELECT id FROM tenant.access_policies WHERE tenant_id = ?1 "
                + "AND resource::jsonb -> 'link' @> CAST(CAST(?2 AS text) AS jsonb) ORDER BY id LIMIT 1", String.class)
                .setParameter(1, tenantId).setParameter(2, link).getSingleResultOrNull()
                .map(policy -> {
                    if (policy != null) {
                        throw kind.linked(id, policy);
                    }
                    return null;
                });
    }
}
