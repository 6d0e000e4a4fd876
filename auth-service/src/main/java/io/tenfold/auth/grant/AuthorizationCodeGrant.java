package io.tenfold.auth.grant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tenfold.auth.audit.AuditLog;
import io.tenfold.auth.authorize.Pkce;
import io.tenfold.auth.client.ClientAuthentication;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.auth.code.AuthorizationCodes;
import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.auth.token.TokenFamilies;
import io.tenfold.auth.user.UserDirectory;
import io.tenfold.commons.db.BlockingTx;
import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Exchanges a code for tokens (RFC 6749 §4.1.3, RFC 7636). The code is single-use: presenting it again fails
 * and revokes every token the first exchange issued. The redirect URI must be the one of the authorization
 * request, and the PKCE verifier must hash to its challenge.
 */
@ApplicationScoped
public class AuthorizationCodeGrant {

    private final ClientAuthentication authentication;
    private final AuthorizationCodes codes;
    private final TokenFamilies families;
    private final UserDirectory users;
    private final UserTokens tokens;
    private final AuditLog audit;
    private final Pool pool;

    public AuthorizationCodeGrant(ClientAuthentication authentication, AuthorizationCodes codes,
            TokenFamilies families, UserDirectory users, UserTokens tokens, AuditLog audit, Pool pool) {
        this.pool = pool;
        this.authentication = authentication;
        this.codes = codes;
        this.families = families;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    public ObjectNode grant(TokenRequest request) {
        TenantId tenant = new TenantId(request.issuer().tenantKey());
        RegisteredClient client = authentication.authenticate(tenant.value(), request.authorization(), request.form(),
                request.issuer().endpoint("token")).client();
        if (!client.hasGrant("authorization_code")) {
            throw OAuthException.unauthorizedClient("This client may not use authorization_code");
        }
        ObjectNode response;
        AuthorizationCodes.Code code;
        try (BlockingTx tx = BlockingTx.begin(pool, tenant.value())) {
            code = codes.redeem(tx, tenant, request.param("code"))
                    .filter(c -> c.audience().equals(request.issuer().audience()))
                    .orElseThrow(() -> OAuthException.invalidGrant("Unknown, expired or used code"));
            if (code.alreadyUsed()) {
                tx.commit();
                families.revoke(tenant, code.familyId());
                audit.record(event(request, "code-replayed", "failure", client.id(), code.userId(), "invalid_grant"));
                throw OAuthException.invalidGrant("Unknown, expired or used code");
            }
            if (code.expired() || !code.clientId().equals(client.id())) {
                throw OAuthException.invalidGrant("Unknown, expired or used code");
            }
            if (!code.redirectUri().equals(request.param("redirect_uri"))) {
                throw OAuthException.invalidGrant("redirect_uri does not match the authorization request");
            }
            String verifier = request.param("code_verifier");
            if (code.codeChallenge() != null ? !Pkce.verifies(verifier, code.codeChallenge())
                    : verifier != null || client.isPublic()) {
                throw OAuthException.invalidGrant("PKCE verification failed");
            }
            UserState user = users.byId(tenant.value(), code.userId()).filter(UserState::active)
                    .orElseThrow(() -> OAuthException.invalidGrant("The user can no longer sign in"));
            ScopeSet scope = ScopeSet.parse(code.scope());
            response = tokens.issue(tx, request.issuer(), tenant, client, user.id(), scope, scope, code.context(),
                    code.familyId(), code.nonce(), true);
            tx.commit();
        }
        audit.record(event(request, "token-issued", "success", client.id(), code.userId(), "authorization_code"));
        return response;
    }

    private static AuditEvent event(TokenRequest request, String action, String outcome, String clientId,
            String userId, String detail) {
        return new AuditEvent(action, outcome, request.issuer().tenantKey(), request.issuer().audience(), clientId,
                userId, request.sourceIp(), detail);
    }
}
