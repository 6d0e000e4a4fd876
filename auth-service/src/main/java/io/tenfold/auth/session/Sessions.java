package io.tenfold.auth.session;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.security.Tokens;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Login sessions, one cookie per tenant and audience: the cookie's path is that authorization server's, so a
 * person logged into two clinics (or as patient and provider) holds independent sessions. The cookie is
 * {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure} when Tenfold is served over https.
 */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "tenfold_session";
    private static final Duration LIFETIME = Duration.ofHours(8);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final String baseUrl;
    private final boolean secure;

    public Sessions(Pool pool, PlatformConfig platform) {
        this.pool = pool;
        this.baseUrl = platform.publicBaseUrl();
        this.secure = baseUrl.startsWith("https:");
    }

    /** Starts a session for a user; yields the cookie that carries it. */
    public NewCookie start(TenantId tenant, Audience audience, String userId) {
        String id = Tokens.random();
        Instant expires = Instant.now().plus(LIFETIME);
        TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "INSERT INTO auth.sessions (tenant_id, id_hash, audience, user_id, expires_at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(tenant.value(), Tokens.digest(id), audience.segment(), userId,
                        OffsetDateTime.ofInstant(expires, ZoneOffset.UTC))))
                .await().atMost(DB_TIMEOUT);
        return cookie(tenant, audience, id, (int) LIFETIME.toSeconds());
    }

    /** The user of a session cookie, if it is a live session of this tenant and audience. */
    public Optional<String> user(TenantId tenant, Audience audience, String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return TenantScope.inTransaction(pool, tenant.value(), tx -> tx.preparedQuery(
                "SELECT user_id FROM auth.sessions WHERE tenant_id = $1 AND id_hash = $2 AND audience = $3 "
                        + "AND expires_at > now()").execute(Tuple.of(tenant.value(), Tokens.digest(cookieValue),
                                audience.segment())))
                .await().atMost(DB_TIMEOUT).stream().findFirst().map(row -> row.getString("user_id"));
    }

    private NewCookie cookie(TenantId tenant, Audience audience, String value, int maxAge) {
        String path = URI.create(TenantPaths.issuer(baseUrl, tenant, audience)).getPath();
        return new NewCookie.Builder(COOKIE).value(value).path(path).maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
