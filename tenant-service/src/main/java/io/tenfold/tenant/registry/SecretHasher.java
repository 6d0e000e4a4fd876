package io.tenfold.tenant.registry;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.security.PasswordHashing;
import io.vertx.mutiny.core.Vertx;

/**
 * Hashes passwords and client secrets with argon2id. Hashing takes tens of milliseconds of CPU on purpose, so it
 * runs on a worker thread and the result comes back on the caller's event loop (where Hibernate Reactive works).
 */
@ApplicationScoped
public class SecretHasher {

    private final Vertx vertx;

    public SecretHasher(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<Secret> hash(Secret secret) {
        String plain = secret.plain();
        if (plain == null) {
            return Uni.createFrom().item(secret);
        }
        return vertx.executeBlocking(() -> Secret.hashed(PasswordHashing.hash(plain)), false);
    }
}
