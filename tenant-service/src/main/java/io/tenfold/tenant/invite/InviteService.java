package io.tenfold.tenant.invite;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.commons.security.Tokens;
import io.tenfold.tenant.registry.Failures;
import io.tenfold.tenant.registry.RegistryTx;
import io.tenfold.tenant.registry.Secret;
import io.tenfold.tenant.registry.SecretHasher;
import io.tenfold.tenant.user.UserDocument;
import io.tenfold.tenant.user.UserEntity;
import io.tenfold.tenant.user.UserService;

/**
 * Invitations (after Oystehr's): the operator creates a user without a password and a single-use ticket; whoever
 * holds the ticket sets the password once, before the ticket expires. Only the ticket's SHA-256 is stored.
 */
@ApplicationScoped
public class InviteService {

    /** A new invitation: the user, the ticket (shown once, never stored), when it expires, the tenant's name. */
    public record Invited(UserEntity user, String ticket, Instant expiresAt, String tenantName) {

        @Override
        public String toString() {
            return "Invited[" + user.id + "]";
        }
    }

    private final UserService users;
    private final SecretHasher hasher;
    private final Outbox outbox;
    private final InviteConfig config;

    public InviteService(UserService users, SecretHasher hasher, Outbox outbox, InviteConfig config) {
        this.users = users;
        this.hasher = hasher;
        this.outbox = outbox;
        this.config = config;
    }

    /** Creates the user (409 if the e-mail is taken in the tenant) and its invitation, in one transaction. */
    public Uni<Invited> invite(UserDocument doc) {
        String ticket = Tokens.random();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(config.ttl());
        return RegistryTx.inTransaction(doc.header().scope(), session -> users
                .upsert(session, doc, OptionalLong.empty(), true)
                .chain(created -> RegistryTx.lockTenant(session, doc.tenantId()).chain(tenantName -> {
                    InviteEntity invite = new InviteEntity();
                    invite.tenantId = doc.tenantId();
                    invite.id = UUID.randomUUID().toString();
                    invite.userId = created.entity().id;
                    invite.ticketDigest = Tokens.digest(ticket);
                    invite.expiresAt = expiresAt;
                    invite.createdAt = now;
                    return session.persist(invite).chain(session::flush)
                            .map(x -> new Invited(created.entity(), ticket, expiresAt, tenantName));
                })))
                .onFailure(Failures::isUniqueViolation).transform(e -> users.conflict(e, doc))
                .invoke(outbox::published);
    }

    /**
     * Sets the invited user's password and uses up the ticket. An unknown, used or expired ticket gets one and
     * the same answer. The ticket is checked before the (deliberately slow) hashing, and again under lock. Locks
     * are taken user first, then invitation, as a deletion of the user (which deletes its invitations) takes them.
     */
    public Uni<UserEntity> accept(AcceptDocument doc) {
        String digest = Tokens.digest(doc.ticket());
        return RegistryTx.inTransaction(TenantScope.ALL, session -> open(session, digest, LockModeType.NONE))
                .chain(invite -> invite == null ? Uni.createFrom().failure(invalid())
                        : hasher.hash(Secret.plain(doc.password())))
                .chain(password -> RegistryTx.inTransaction(TenantScope.ALL, session -> use(session, digest,
                        password.apply(null))))
                .invoke(outbox::published);
    }

    private Uni<UserEntity> use(Mutiny.Session session, String digest, String passwordHash) {
        return open(session, digest, LockModeType.NONE).chain(invite -> {
            if (invite == null) {
                return Uni.createFrom().failure(invalid());
            }
            return RegistryTx.scope(session, invite.tenantId)
                    .chain(() -> users.lock(session, invite.userId))
                    .chain(user -> open(session, digest, LockModeType.PESSIMISTIC_WRITE).chain(locked -> {
                        if (user == null || locked == null) {
                            return Uni.createFrom().failure(invalid());
                        }
                        locked.usedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        return users.setPassword(session, user, passwordHash);
                    }));
        });
    }

    private static Uni<InviteEntity> open(Mutiny.Session session, String digest, LockModeType lock) {
        return session.createSelectionQuery("from InviteEntity where ticketDigest = :digest and usedAt is null "
                + "and expiresAt > :now", InviteEntity.class)
                .setParameter("digest", digest).setParameter("now", Instant.now())
                .setLockMode(lock).getSingleResultOrNull();
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException("invite-invalid", "The invitation is unknown, used or expired",
                "ticket");
    }
}
