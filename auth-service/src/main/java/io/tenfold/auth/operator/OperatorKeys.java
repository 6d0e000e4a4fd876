package io.tenfold.auth.operator;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.nimbusds.jose.JWSAlgorithm;

import io.quarkus.runtime.StartupEvent;
import io.tenfold.auth.key.SigningKeyFactory;
import io.tenfold.auth.key.SigningKeyRepository;
import io.tenfold.auth.tenant.AuthTenantLifecycle;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;

/** The operator issuer gets its signing key at first start (kept under tenant {@code _global}). */
@ApplicationScoped
public class OperatorKeys {

    public static final String AUDIENCE = "operator";

    void ensure(@Observes StartupEvent event, Pool pool, SigningKeyFactory factory, SigningKeyRepository keys) {
        for (JWSAlgorithm alg : AuthTenantLifecycle.ALGORITHMS) {
            SigningKeyFactory.NewKey key = factory.create(TenantId.GLOBAL, AUDIENCE, alg);
            TenantScope.inTransaction(pool, TenantId.GLOBAL, tx -> keys.insertIfNoActive(tx, TenantId.GLOBAL,
                    AUDIENCE, key)).await().atMost(Duration.ofSeconds(30));
        }
    }
}
