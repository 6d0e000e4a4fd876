package io.tenfold.tenant.tenant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.error.PreconditionFailedException;
import io.tenfold.commons.error.ResourceNotFoundException;
import io.tenfold.commons.error.ResourceVersionConflictException;
import io.tenfold.commons.event.EventEnvelope;
import io.tenfold.commons.event.TenantState;
import io.tenfold.commons.event.Topics;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.commons.outbox.OutboxMessage;
import io.tenfold.tenant.registry.Failures;
import io.tenfold.tenant.registry.RegistryCascade;
import io.tenfold.tenant.registry.RegistryTx;

/**
 * Creates, changes and deletes tenants. Every change writes the tenant's full state (or a tombstone) to the
 * outbox in the same transaction, after taking the row's lock, so the events of one tenant leave in the order
 * of its changes. Deleting a tenant deletes its users, clients, access policies and invites in the same
 * transaction, with a tombstone for each.
 */
@ApplicationScoped
public class TenantService {

    /** The result of a PUT: the tenant, and whether it was created. */
    public record Upserted(TenantEntity tenant, boolean created) {
    }

    /** One page of tenants. */
    public record TenantPage(List<TenantEntity> tenants, long total) {
    }

    private final Outbox outbox;

    public TenantService(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<TenantEntity> create(TenantDocument doc) {
        return inTransaction(session -> TenantEntity.<TenantEntity>findById(doc.id())
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(duplicate(doc.id()));
                    }
                    return insert(session, doc);
                }))
                .onFailure(Failures::isUniqueViolation).transform(e -> duplicate(doc.id()))
                .invoke(outbox::published);
    }

    public Uni<Upserted> put(TenantDocument doc, OptionalLong ifMatch) {
        return inTransaction(session -> TenantEntity.<TenantEntity>findById(doc.id(), LockModeType.PESSIMISTIC_WRITE)
                .chain(existing -> {
                    if (existing == null) {
                        if (ifMatch.isPresent()) {
                            return Uni.createFrom().failure(versionMismatch());
                        }
                        return insert(session, doc).map(t -> new Upserted(t, true));
                    }
                    checkVersion(existing, ifMatch);
                    if (existing.name.equals(doc.name())) {
                        return Uni.createFrom().item(new Upserted(existing, false));
                    }
                    existing.name = doc.name();
                    existing.version++;
                    existing.updatedAt = now();
                    return publishState(session, existing).map(t -> new Upserted(t, false));
                }))
                .onFailure(Failures::isUniqueViolation).transform(e -> duplicate(doc.id()))
                .invoke(outbox::published);
    }

    public Uni<Void> delete(String id, OptionalLong ifMatch) {
        return inTransaction(session -> TenantEntity.<TenantEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(existing -> {
                    if (existing == null) {
                        return Uni.createFrom().failure(notFound());
                    }
                    checkVersion(existing, ifMatch);
                    return existing.delete()
                            .chain(() -> session.createNativeQuery(
                                    "DELETE FROM tenant.provisioning WHERE tenant_id = ?1")
                                    .setParameter(1, id).executeUpdate())
                            .chain(() -> RegistryCascade.purge(session, id))
                            .chain(() -> RegistryTx.append(session, OutboxMessage.tombstone(Topics.TENANTS, id, id,
                                    TenantState.TYPE)));
                }))
                .invoke(outbox::published)
                .replaceWithVoid();
    }

    public Uni<TenantEntity> get(String id) {
        return inTransaction(session -> TenantEntity.<TenantEntity>findById(id))
                .onItem().ifNull().failWith(TenantService::notFound);
    }

    public Uni<TenantPage> list(int count, int page) {
        return inTransaction(session -> TenantEntity.findAll(Sort.by("id")).page(Page.of(page - 1, count))
                .<TenantEntity>list()
                .chain(tenants -> TenantEntity.count().map(total -> new TenantPage(tenants, total))));
    }

    private Uni<TenantEntity> insert(Mutiny.Session session, TenantDocument doc) {
        TenantEntity tenant = new TenantEntity();
        tenant.id = doc.id();
        tenant.name = doc.name();
        tenant.version = 1;
        tenant.createdAt = now();
        tenant.updatedAt = tenant.createdAt;
        return tenant.<TenantEntity>persistAndFlush().chain(t -> publishState(session, t));
    }

    private Uni<TenantEntity> publishState(Mutiny.Session session, TenantEntity tenant) {
        EventEnvelope event = EventEnvelope.of(TenantState.TYPE, tenant.id, null,
                new TenantState(tenant.id, tenant.name, tenant.version));
        return RegistryTx.append(session, OutboxMessage.event(Topics.TENANTS, tenant.id, event))
                .map(seq -> {
                    tenant.seq = seq;
                    return tenant;
                });
    }

    private static <T> Uni<T> inTransaction(Function<Mutiny.Session, Uni<T>> work) {
        return RegistryTx.inTransaction(TenantScope.ALL, work);
    }

    private static void checkVersion(TenantEntity tenant, OptionalLong ifMatch) {
        if (ifMatch.isPresent() && ifMatch.getAsLong() != tenant.version) {
            throw versionMismatch();
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ResourceVersionConflictException duplicate(String id) {
        return new ResourceVersionConflictException("tenant-exists", "Tenant " + id + " already exists", "Tenant.id");
    }

    private static PreconditionFailedException versionMismatch() {
        return new PreconditionFailedException("version-mismatch", "If-Match does not match the current version");
    }

    private static ResourceNotFoundException notFound() {
        return new ResourceNotFoundException("tenant-not-found", "No such Tenant");
    }
}
