package io.tenfold.auth.grant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.auth.audit.AuditLog;
import io.tenfold.auth.client.ClientAuthentication;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.auth.token.RefreshTokens;
import io.tenfold.auth.token.TokenFamilies;
import io.tenfold.auth.user.UserDirectory;
import io.tenfold.commons.db.BlockingTx;
import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A refresh (RFC 6749 §6), in one transaction: rotates the refresh token; a token used before revokes its whole
 * family. Without
 * {@code scope} the original scopes come back; with one it may narrow them, never widen ({@code invalid_scope}).
 */
@ApplicationScoped
public class RefreshTokenGrant {

    private final ClientAuthentication authentication;
    private final RefreshTokens refreshTokens;
    private final TokenFamilies families;
    private final UserDirectory users;
    private final UserTokens tokens;
    private final AuditLog audit;
    private final Pool pool;

    public RefreshTokenGrant(ClientAuthentication authentication, RefreshTokens refreshTokens, TokenFamilies families,
            UserDirectory users, UserTokens tokens, AuditLog audit, Pool pool) {
        this.pool = pool;
        this.authentication = authentication;
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    public ObjectNode grant(TokenRequest request) {
        TenantId tenant = new TenantId(request.issuer().tenantKey());
        RegisteredClient client = authentication.authenticate(tenant.value(), request.authorization(), request.form(),
                request.issuer().endpoint("token")).client();
        ObjectNode response;
        RefreshTokens.Refresh refresh;
        try (BlockingTx tx = BlockingTx.begin(pool, tenant.value())) {
            refresh = refreshTokens.use(tx, tenant, request.param("refresh_token"))
                    .filter(r -> r.audience().equals(request.issuer().audience()) && r.clientId().equals(client.id()))
                    .orElseThrow(() -> OAuthException.invalidGrant("Unknown, expired or revoked refresh token"));
            if (refresh.used()) {
                tx.commit();
                families.revoke(tenant, refresh.familyId());
                audit.record(new AuditEvent("refresh-reused", "failure", tenant.value(), request.issuer().audience(),
                        client.id(), refresh.userId(), request.sourceIp(), "invalid_grant"));
                throw OAuthException.invalidGrant("Unknown, expired or revoked refresh token");
            }
            if (refresh.revoked() || refresh.expired()) {
                throw OAuthException.invalidGrant("Unknown, expired or revoked refresh token");
            }
            ScopeSet original = ScopeSet.parse(refresh.scope());
            ScopeSet scope = original;
            if (request.param("scope") != null) {
                scope = ScopeSet.parse(request.param("scope"));
                if (!scope.isCoveredBy(original)) {
                    throw OAuthException.invalidScope("A refresh cannot widen the granted scope");
                }
            }
            UserState user = users.byId(tenant.value(), refresh.userId()).filter(UserState::active)
                    .orElseThrow(() -> OAuthException.invalidGrant("The user can no longer sign in"));
            response = tokens.issue(tx, request.issuer(), tenant, client, user.id(), scope, original,
                    refresh.context(), refresh.familyId(), null, false);
            tx.commit();
        }
        audit.record(new AuditEvent("token-refreshed", "success", tenant.value(), request.issuer().audience(),
                client.id(), refresh.userId(), request.sourceIp(), null));
        return response;
    }
}
