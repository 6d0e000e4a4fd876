package io.tenfold.tenant.registry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.error.OperationOutcomeException;
import io.tenfold.commons.error.PreconditionFailedException;
import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.commons.outbox.Outbox;

/**
 * Creates, changes, reads, deletes and lists one kind of registry resource. Every write runs in one transaction
 * scoped to the resource's tenant ({@code _global} for global rows): it locks the tenant against deletion, takes
 * the row's lock, validates what needs the database, writes the row and its full state to the outbox; a delete
 * writes a tombstone. The relay is woken after the commit. Subclasses are {@code @Singleton} beans (they have no
 * no-args constructor for a client proxy).
 *
 * @param <E> the entity
 * @param <D> the validated document
 */
public abstract class RegistryService<E extends RegistryEntity, D extends RegistryDocument> {

    /** The result of a write: the row, and whether it was created. */
    public record Upserted<E>(E entity, boolean created) {
    }

    /** One page of a search. */
    public record Found<E>(List<E> entities, long total) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    protected final Outbox outbox;
    protected final RegistryKind kind;
    private final Class<E> type;
    private final Supplier<E> constructor;

    protected RegistryService(Outbox outbox, RegistryKind kind, Class<E> type, Supplier<E> constructor) {
        this.outbox = outbox;
        this.kind = kind;
        this.type = type;
        this.constructor = constructor;
    }

    /** The event payload of a row's full state. */
    protected abstract Object state(E entity);

    /** Copies the document's columns other than {@code resource} into the row; whether anything changed. */
    protected abstract boolean applyColumns(D doc, E entity);

    /** Work before the transaction, such as hashing a secret. */
    protected Uni<D> prepare(D doc) {
        return Uni.createFrom().item(doc);
    }

    /** Validation that needs the database or the current row (null when new); fails with a 4xx. */
    protected Uni<Void> check(Mutiny.Session session, D doc, E existing) {
        return Uni.createFrom().voidItem();
    }

    /** Refuses a deletion that would break something; the transaction is scoped to the row's tenant. */
    protected Uni<Void> beforeDelete(Mutiny.Session session, E entity) {
        return Uni.createFrom().voidItem();
    }

    /** The conflict a unique index reports; {@code failure} is a unique violation ({@link Failures}). */
    public OperationOutcomeException conflict(Throwable failure, D doc) {
        return kind.exists(doc.id());
    }

    /** {@code POST}: creates the resource; 409 if its id is taken. */
    public Uni<E> create(D doc) {
        return write(doc, OptionalLong.empty(), true).map(Upserted::entity);
    }

    /** {@code PUT}: creates or replaces the resource, honouring {@code If-Match}. */
    public Uni<Upserted<E>> put(D doc, OptionalLong ifMatch) {
        return write(doc, ifMatch, false);
    }

    private Uni<Upserted<E>> write(D doc, OptionalLong ifMatch, boolean createOnly) {
        return prepare(doc).chain(prepared -> RegistryTx.inTransaction(prepared.header().scope(),
                session -> upsert(session, prepared, ifMatch, createOnly))
                .onFailure(Failures::isUniqueViolation)
                .transform(e -> conflict(e, prepared)))
                .invoke(outbox::published);
    }

    /**
     * Writes a prepared document in the caller's transaction, which is scoped to the document's tenant; the
     * caller wakes the outbox relay after the commit.
     */
    public Uni<Upserted<E>> upsert(Mutiny.Session session, D doc, OptionalLong ifMatch, boolean createOnly) {
        return requireTenant(session, doc)
                .chain(() -> session.createSelectionQuery("from " + type.getSimpleName()
                        + " where tenantId = :tenant and id = :id", type)
                        .setParameter("tenant", doc.header().scope()).setParameter("id", doc.id())
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResultOrNull())
                .chain(existing -> {
                    if (ifMatch.isPresent() && (existing == null || ifMatch.getAsLong() != existing.version)) {
                        return Uni.createFrom().failure(versionMismatch());
                    }
                    if (existing != null && createOnly) {
                        return Uni.createFrom().failure(kind.exists(doc.id()));
                    }
                    return check(session, doc, existing).chain(() -> save(session, doc, existing));
                });
    }

    private Uni<Void> requireTenant(Mutiny.Session session, D doc) {
        if (doc.tenantId() == null) {
            return Uni.createFrom().voidItem();
        }
        return RegistryTx.lockTenant(session, doc.tenantId()).map(name -> {
            if (name == null) {
                throw new UnprocessableEntityException("tenant-unknown", "Tenant " + doc.tenantId()
                        + " does not exist", kind.resourceType() + ".meta.tenant");
            }
            return null;
        });
    }

    private Uni<Upserted<E>> save(Mutiny.Session session, D doc, E existing) {
        if (existing == null) {
            E entity = constructor.get();
            entity.tenantId = doc.header().scope();
            entity.id = doc.id();
            entity.version = 1;
            entity.createdAt = now();
            entity.updatedAt = entity.createdAt;
            entity.resource = doc.resource().toString();
            applyColumns(doc, entity);
            return session.persist(entity).chain(session::flush).chain(() -> publish(session, entity))
                    .map(e -> new Upserted<>(e, true));
        }
        boolean changed = !tree(existing.resource).equals(tree(doc.resource().toString()));
        existing.resource = doc.resource().toString();
        changed |= applyColumns(doc, existing);
        if (!changed) {
            return Uni.createFrom().item(new Upserted<>(existing, false));
        }
        return changed(session, existing).map(e -> new Upserted<>(e, false));
    }

    /** Records a change of a locked row: a new version, flushed, and its state in the outbox. */
    protected Uni<E> changed(Mutiny.Session session, E entity) {
        entity.version++;
        entity.updatedAt = now();
        return session.flush().chain(() -> publish(session, entity));
    }

    private Uni<E> publish(Mutiny.Session session, E entity) {
        return RegistryTx.append(session, kind.event(entity.tenantId, entity.id, state(entity))).replaceWith(entity);
    }

    public Uni<E> get(String id) {
        return RegistryTx.inTransaction(TenantScope.ALL, session -> find(session, id, LockModeType.NONE))
                .onItem().ifNull().failWith(kind::notFound);
    }

    /** Finds a row by id in any tenant; the transaction must be scoped to {@code *}. */
    protected Uni<E> find(Mutiny.Session session, String id, LockModeType lock) {
        return session.createSelectionQuery("from " + type.getSimpleName() + " where id = :id", type)
                .setParameter("id", id).setLockMode(lock).getSingleResultOrNull();
    }

    public Uni<Void> delete(String id, OptionalLong ifMatch) {
        return RegistryTx.inTransaction(TenantScope.ALL, session -> find(session, id,
                LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
                    if (existing == null) {
                        return Uni.createFrom().failure(kind.notFound());
                    }
                    if (ifMatch.isPresent() && ifMatch.getAsLong() != existing.version) {
                        return Uni.createFrom().failure(versionMismatch());
                    }
                    return RegistryTx.scope(session, existing.tenantId)
                            .chain(() -> beforeDelete(session, existing))
                            .chain(() -> session.remove(existing))
                            .chain(session::flush)
                            .chain(() -> RegistryTx.append(session, kind.tombstone(existing.tenantId, id)));
                }))
                .invoke(outbox::published)
                .replaceWithVoid();
    }

    /** The kind's own search parameters, each with its HQL condition on a parameter of the same name. */
    protected Map<String, String> searchParameters() {
        return Map.of();
    }

    /**
     * One page of the rows of a tenant (or of every tenant when {@code tenant} is null), by tenant and id,
     * filtered by the given values of {@link #searchParameters()} (null values are no filter).
     */
    public Uni<Found<E>> list(String tenant, Map<String, String> filters, Paging paging) {
        StringBuilder hql = new StringBuilder("from ").append(type.getSimpleName()).append(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (tenant != null) {
            hql.append(" and tenantId = :tenant");
            params.put("tenant", tenant);
        }
        searchParameters().forEach((name, condition) -> {
            String value = filters.get(name);
            if (value != null) {
                hql.append(" and ").append(condition);
                params.put(name, value);
            }
        });
        return RegistryTx.inTransaction(tenant == null ? TenantScope.ALL : tenant, session -> {
            Mutiny.SelectionQuery<E> count = session.createSelectionQuery(hql.toString(), type);
            Mutiny.SelectionQuery<E> page = session.createSelectionQuery(hql + " order by tenantId, id", type)
                    .setFirstResult(paging.offset()).setMaxResults(paging.count());
            params.forEach((name, value) -> {
                count.setParameter(name, value);
                page.setParameter(name, value);
            });
            return page.getResultList().chain(rows -> count.getResultCount().map(total -> new Found<>(rows, total)));
        });
    }

    protected static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The stored resource of a row as a tree. */
    protected static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored resource is not JSON", e);
        }
    }

    private static PreconditionFailedException versionMismatch() {
        return new PreconditionFailedException("version-mismatch", "If-Match does not match the current version");
    }
}
