package io.tenfold.tenant.policy;

import jakarta.inject.Singleton;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.tenant.registry.Reference;
import io.tenfold.tenant.registry.RegistryKind;
import io.tenfold.tenant.registry.RegistryService;
import io.tenfold.tenant.registry.RegistryTx;

/**
 * Access policies. Every link must name a client or user of the policy's own tenant; the targets are locked
 * until the write commits, so a concurrent deletion of one either waits and is refused, or wins and the policy
 * is refused.
 */
@Singleton
public class AccessPolicyService extends RegistryService<AccessPolicyEntity, AccessPolicyDocument> {

    public AccessPolicyService(Outbox outbox) {
        super(outbox, RegistryKind.ACCESS_POLICY, AccessPolicyEntity.class, AccessPolicyEntity::new);
    }

    @Override
    protected Uni<Void> check(Mutiny.Session session, AccessPolicyDocument doc, AccessPolicyEntity existing) {
        return Multi.createFrom().range(0, doc.links().size())
                .onItem().transformToUniAndConcatenate(i -> {
                    Reference link = doc.links().get(i);
                    RegistryKind target = "User".equals(link.resourceType()) ? RegistryKind.USER : RegistryKind.CLIENT;
                    return RegistryTx.lockRow(session, target, doc.tenantId(), link.id()).map(found -> {
                        if (!found) {
                            throw new UnprocessableEntityException("link-unknown", link.resourceType() + " "
                                    + link.id() + " does not exist in tenant " + doc.tenantId(),
                                    "AccessPolicy.link[" + i + "]");
                        }
                        return found;
                    });
                })
                .collect().last().replaceWithVoid();
    }

    @Override
    protected boolean applyColumns(AccessPolicyDocument doc, AccessPolicyEntity entity) {
        return false;
    }

    @Override
    protected Object state(AccessPolicyEntity policy) {
        return AccessPolicyDocument.from(tree(policy.resource), policy.id).state(policy.version);
    }
}
