package io.tenfold.auth.tenant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JWSAlgorithm;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenfold.auth.key.SigningKeyFactory;
import io.tenfold.auth.key.SigningKeyRepository;
import io.tenfold.commons.event.TenantState;
import io.tenfold.commons.projection.TenantLifecycle;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A new tenant gets signing keys (RS256 and ES256) for each of its two authorization servers (patient and
 * provider audience);
 * a deleted tenant loses them, and with them every token it ever issued.
 */
@ApplicationScoped
public class AuthTenantLifecycle implements TenantLifecycle {

    /** Every issuer signs access tokens ES256 and id tokens and launches RS256. */
    public static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final SigningKeyFactory factory;
    private final SigningKeyRepository keys;

    public AuthTenantLifecycle(SigningKeyFactory factory, SigningKeyRepository keys) {
        this.factory = factory;
        this.keys = keys;
    }

    @Override
    public Uni<Void> provision(SqlConnection tx, TenantState tenant) {
        TenantId id = new TenantId(tenant.id());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Audience audience : Audience.values()) {
            for (JWSAlgorithm alg : ALGORITHMS) {
                chain = chain.chain(() -> ensureKey(tx, id, audience, alg));
            }
        }
        return chain;
    }

    @Override
    public Uni<Void> purge(SqlConnection tx, TenantId tenant) {
        return keys.deleteAll(tx, tenant);
    }

    private Uni<Void> ensureKey(SqlConnection tx, TenantId tenant, Audience audience, JWSAlgorithm alg) {
        return keys.hasActive(tx, tenant.value(), audience.segment(), alg.getName()).chain(present -> present
                ? Uni.createFrom().voidItem()
                // RSA key generation takes a while: off the event loop.
                : Uni.createFrom().item(() -> factory.create(tenant, audience, alg))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(key -> keys.insertIfNoActive(tx, tenant, audience, key))
                        .replaceWithVoid());
    }
}
