package io.tenfold.auth.login;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.security.Tokens;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * After {@value #MAX_FAILURES} failed logins for an email within {@value #WINDOW_MINUTES} minutes, that email
 * cannot log in for the rest of the window, right password or not. Emails that belong to nobody are counted the
 * same way, so the throttle tells nothing about who exists.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final int WINDOW_MINUTES = 15;
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;

    public LoginThrottle(Pool pool) {
        this.pool = pool;
    }

    public boolean locked(TenantId tenant, String email) {
        return TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "SELECT 1 FROM auth.login_failures WHERE tenant_id = $1 AND email_hash = $2 AND failures >= $3 "
                        + "AND window_start > now() - make_interval(mins => $4)")
                .execute(Tuple.of(tenant.value(), key(email), MAX_FAILURES, WINDOW_MINUTES)))
                .await().atMost(DB_TIMEOUT).size() > 0;
    }

    public void failed(TenantId tenant, String email) {
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "INSERT INTO auth.login_failures AS f (tenant_id, email_hash, failures, window_start) "
                        + "VALUES ($1, $2, 1, now()) ON CONFLICT (tenant_id, email_hash) DO UPDATE SET "
                        + "failures = CASE WHEN f.window_start > now() - make_interval(mins => $3) "
                        + "THEN f.failures + 1 ELSE 1 END, window_start = CASE WHEN f.window_start > now() - "
                        + "make_interval(mins => $3) THEN f.window_start ELSE now() END")
                .execute(Tuple.of(tenant.value(), key(email), WINDOW_MINUTES))).await().atMost(DB_TIMEOUT);
    }

    public void succeeded(TenantId tenant, String email) {
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "DELETE FROM auth.login_failures WHERE tenant_id = $1 AND email_hash = $2")
                .execute(Tuple.of(tenant.value(), key(email)))).await().atMost(DB_TIMEOUT);
    }

    private static String key(String email) {
        return Tokens.digest(email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
    }
}
