package io.tenfold.tenant.user;

import java.util.Map;
import java.util.Objects;

import jakarta.inject.Singleton;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.error.OperationOutcomeException;
import io.tenfold.commons.error.ResourceVersionConflictException;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.tenant.policy.PolicyLinks;
import io.tenfold.tenant.registry.Failures;
import io.tenfold.tenant.registry.RegistryKind;
import io.tenfold.tenant.registry.RegistryService;
import io.tenfold.tenant.registry.SecretHasher;

/** Users: e-mail unique per tenant (case-insensitively), passwords stored as argon2id hashes only. */
@Singleton
public class UserService extends RegistryService<UserEntity, UserDocument> {

    private static final String EMAIL_INDEX = "users_email_key";

    private final SecretHasher hasher;

    public UserService(Outbox outbox, SecretHasher hasher) {
        super(outbox, RegistryKind.USER, UserEntity.class, UserEntity::new);
        this.hasher = hasher;
    }

    @Override
    protected Uni<UserDocument> prepare(UserDocument doc) {
        return hasher.hash(doc.password()).map(doc::withPassword);
    }

    @Override
    protected Uni<Void> check(Mutiny.Session session, UserDocument doc, UserEntity existing) {
        return session.createSelectionQuery("select count(*) from UserEntity where tenantId = :tenant "
                + "and lower(email) = lower(:email) and id <> :id", Long.class)
                .setParameter("tenant", doc.header().scope()).setParameter("email", doc.email())
                .setParameter("id", doc.id()).getSingleResult()
                .map(count -> {
                    if (count > 0) {
                        throw emailTaken(doc);
                    }
                    return null;
                });
    }

    @Override
    protected boolean applyColumns(UserDocument doc, UserEntity entity) {
        String hash = doc.password().apply(entity.passwordHash);
        boolean changed = !doc.email().equals(entity.email) || !Objects.equals(hash, entity.passwordHash);
        entity.email = doc.email();
        entity.passwordHash = hash;
        return changed;
    }

    @Override
    public OperationOutcomeException conflict(Throwable failure, UserDocument doc) {
        return EMAIL_INDEX.equals(Failures.violatedConstraint(failure)) ? emailTaken(doc)
                : super.conflict(failure, doc);
    }

    @Override
    protected Object state(UserEntity user) {
        return UserDocument.from(tree(user.resource), user.id).state(user.tenantId, user.passwordHash,
                user.version);
    }

    @Override
    protected Uni<Void> beforeDelete(Mutiny.Session session, UserEntity user) {
        return PolicyLinks.refuseIfLinked(session, kind, user.tenantId, user.id);
    }

    /** Sets the password hash of a locked user and publishes its new state (accepting an invite). */
    public Uni<UserEntity> setPassword(Mutiny.Session session, UserEntity user, String passwordHash) {
        user.passwordHash = passwordHash;
        return changed(session, user);
    }

    /** Finds a user of the transaction's tenant by id, locked for update; null if there is none. */
    public Uni<UserEntity> lock(Mutiny.Session session, String id) {
        return find(session, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** {@code email}: exact, in any case. */
    @Override
    protected Map<String, String> searchParameters() {
        return Map.of("email", "lower(email) = lower(:email)");
    }

    private static ResourceVersionConflictException emailTaken(UserDocument doc) {
        return new ResourceVersionConflictException("email-exists", "A user with this e-mail already exists "
                + (doc.tenantId() == null ? "among the operators" : "in tenant " + doc.tenantId()), "User.email");
    }
}
