package io.tenfold.auth.tenant;

import java.util.ArrayList;
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

    /** One key an issuer needs. */
    private record Slot(Audience audience, JWSAlgorithm alg) {
    }

    /**
     * Makes the keys the tenant lacks: asks which are missing, generates them at once on worker threads (an RSA
     * key takes a CPU for 0.1–0.2 s: one after another they bounded auth-service at ~2.7 new tenants a second),
     * then stores them in the transaction.
     */
    @Override
    public Uni<Void> provision(SqlConnection tx, TenantState tenant) {
        TenantId id = new TenantId(tenant.id());
        List<Slot> missing = new ArrayList<>();
        Uni<Void> asked = Uni.createFrom().voidItem();
        for (Audience audience : Audience.values()) {
            for (JWSAlgorithm alg : ALGORITHMS) {
                Slot slot = new Slot(audience, alg);
                asked = asked.chain(() -> keys.hasActive(tx, id.value(), audience.segment(), alg.getName())
                        .invoke(present -> {
                            if (!present) {
                                missing.add(slot);
                            }
                        }).replaceWithVoid());
            }
        }
        return asked.chain(() -> generate(id, missing)).chain(made -> {
            Uni<Void> stored = Uni.createFrom().voidItem();
            for (int i = 0; i < made.size(); i++) {
                Audience audience = missing.get(i).audience();
                SigningKeyFactory.NewKey key = made.get(i);
                stored = stored.chain(() -> keys.insertIfNoActive(tx, id, audience, key).replaceWithVoid());
            }
            return stored;
        });
    }

    private Uni<List<SigningKeyFactory.NewKey>> generate(TenantId id, List<Slot> slots) {
        if (slots.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<SigningKeyFactory.NewKey>> keysMade = new ArrayList<>();
        for (Slot slot : slots) {
            keysMade.add(Uni.createFrom().item(() -> factory.create(id, slot.audience(), slot.alg()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        }
        return Uni.join().all(keysMade).andFailFast();
    }

    @Override
    public Uni<Void> purge(SqlConnection tx, TenantId tenant) {
        return keys.deleteAll(tx, tenant);
    }
}
