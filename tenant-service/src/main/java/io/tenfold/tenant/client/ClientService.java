package io.tenfold.tenant.client;

import java.util.Objects;

import jakarta.inject.Singleton;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.outbox.Outbox;
import io.tenfold.tenant.policy.PolicyLinks;
import io.tenfold.tenant.registry.RegistryKind;
import io.tenfold.tenant.registry.RegistryService;
import io.tenfold.tenant.registry.SecretHasher;

/** Clients: secrets stored as argon2id hashes only; a PUT without {@code secret} keeps the stored one. */
@Singleton
public class ClientService extends RegistryService<ClientEntity, ClientDocument> {

    private final SecretHasher hasher;

    public ClientService(Outbox outbox, SecretHasher hasher) {
        super(outbox, RegistryKind.CLIENT, ClientEntity.class, ClientEntity::new);
        this.hasher = hasher;
    }

    @Override
    protected Uni<ClientDocument> prepare(ClientDocument doc) {
        return hasher.hash(doc.secret()).map(doc::withSecret);
    }

    @Override
    protected Uni<Void> check(Mutiny.Session session, ClientDocument doc, ClientEntity existing) {
        doc.checkCredentials(doc.secret().present(existing != null && existing.secretHash != null));
        return Uni.createFrom().voidItem();
    }

    @Override
    protected boolean applyColumns(ClientDocument doc, ClientEntity entity) {
        String hash = doc.secret().apply(entity.secretHash);
        boolean changed = !Objects.equals(hash, entity.secretHash);
        entity.secretHash = hash;
        return changed;
    }

    @Override
    protected Object state(ClientEntity client) {
        return ClientDocument.from(tree(client.resource), client.id).state(client.tenantId, client.secretHash,
                client.version);
    }

    @Override
    protected Uni<Void> beforeDelete(Mutiny.Session session, ClientEntity client) {
        return PolicyLinks.refuseIfLinked(session, kind, client.tenantId, client.id);
    }
}
