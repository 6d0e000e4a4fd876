package io.tenfold.tenant.registry;

import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A tenant's deletion takes its registry with it: its access policies, clients and users (and with the users,
 * by foreign key, their invitations) are deleted and a tombstone is published for each, in the transaction that
 * deletes the tenant.
 */
public final class RegistryCascade {

    private static final List<RegistryKind> ORDER = List.of(RegistryKind.ACCESS_POLICY, RegistryKind.CLIENT,
            RegistryKind.USER);

    private RegistryCascade() {
    }

    public static Uni<Void> purge(Mutiny.Session session, String tenantId) {
        return Multi.createFrom().iterable(ORDER)
                .onItem().transformToUniAndConcatenate(kind -> purge(session, kind, tenantId))
                .collect().last();
    }

    private static Uni<Void> purge(Mutiny.Session session, RegistryKind kind, String tenantId) {
        return session.createNativeQuery("DELETE FROM " + kind.table() + " WHERE tenant_id = ?1 RETURNING id",
                String.class).setParameter(1, tenantId).getResultList()
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> RegistryTx.append(session,
                                kind.tombstone(tenantId, id)))
                        .collect().last())
                .replaceWithVoid();
    }
}
