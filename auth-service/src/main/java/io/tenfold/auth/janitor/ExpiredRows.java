package io.tenfold.auth.janitor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tenfold.commons.db.TenantScope;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deletes what has expired (pending authorizations, codes, sessions, used assertions, revocations of expired
 * tokens, stale refresh tokens, old login failures) every ten minutes, across tenants.
 */
@ApplicationScoped
public class ExpiredRows {

    private static final Logger LOG = Logger.getLogger(ExpiredRows.class);
    private static final List<String> DELETES = List.of(
            "DELETE FROM auth.authorization_requests WHERE expires_at < now()",
            "DELETE FROM auth.authorization_codes WHERE expires_at < now() - interval '1 day'",
            "DELETE FROM auth.sessions WHERE expires_at < now()",
            "DELETE FROM auth.used_assertions WHERE expires_at < now()",
            "DELETE FROM auth.revoked_tokens WHERE expires_at < now()",
            "DELETE FROM auth.issued_tokens WHERE expires_at < now()",
            "DELETE FROM auth.refresh_tokens WHERE (expires_at < now() OR revoked_at < now() - interval '1 day' "
                    + "OR used_at < now() - interval '30 days')",
            "DELETE FROM auth.login_failures WHERE window_start < now() - interval '1 day'");

    private final Pool pool;
    private ScheduledExecutorService timer;

    public ExpiredRows(Pool pool) {
        this.pool = pool;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "expired-rows");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, 1, 10, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void sweep() {
        try {
            TenantScope.inTransaction(pool, TenantScope.ALL, tx -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (String delete : DELETES) {
                    chain = chain.chain(() -> tx.query(delete).execute().replaceWithVoid());
                }
                return chain;
            }).await().atMost(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            LOG.warnf("Sweeping expired rows failed: %s", e.getClass().getSimpleName());
        }
    }
}
