package io.tenfold.auth.operator;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.tenfold.auth.key.SigningKeyFactory;
import io.tenfold.auth.key.SigningKeyRepository;
import io.tenfold.auth.key.SigningKeys;
import io.tenfold.auth.tenant.AuthTenantLifecycle;
import io.tenfold.commons.db.TenantScope;
import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.commons.projection.TenantDirectory;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rotates the signing key of a tenant's authorization server on an operator's command: a new key becomes
 * active, the old one stays published as {@code previous} so tokens it signed still verify until they expire,
 * and the one before that is retired.
 */
@Path("/auth/keys/rotate")
public class KeyRotationEndpoint {

    private final OperatorAuthentication operators;
    private final TenantDirectory tenants;
    private final SigningKeyFactory factory;
    private final SigningKeyRepository keys;
    private final SigningKeys signingKeys;
    private final Pool pool;

    public KeyRotationEndpoint(OperatorAuthentication operators, TenantDirectory tenants, SigningKeyFactory factory,
            SigningKeyRepository keys, SigningKeys signingKeys, Pool pool) {
        this.operators = operators;
        this.tenants = tenants;
        this.factory = factory;
        this.keys = keys;
        this.signingKeys = signingKeys;
        this.pool = pool;
    }

    /** Body: {@code {tenant, audience}}; answers the new keys' {@code kid} by algorithm. */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode rotate(JsonNode body, @Context HttpHeaders headers) {
        operators.authenticate(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        String tenant = body == null ? null : body.path("tenant").asText(null);
        if (!TenantId.isValid(tenant) || !tenants.isActive(tenant)) {
            throw new UnprocessableEntityException("rotate-tenant-unknown", "No such tenant", "tenant");
        }
        Audience audience = Audience.fromSegment(body.path("audience").asText(""))
                .orElseThrow(() -> new UnprocessableEntityException("rotate-audience-invalid",
                        "audience is patient or provider", "audience"));
        List<SigningKeyFactory.NewKey> fresh = AuthTenantLifecycle.ALGORITHMS.stream()
                .map(alg -> factory.create(new TenantId(tenant), audience, alg)).toList();
        TenantScope.inTransaction(pool, tenant, tx -> {
            Uni<Void> chain = tx.preparedQuery("UPDATE auth.signing_keys SET status = 'retired' WHERE tenant_id = $1 "
                    + "AND audience = $2 AND status = 'previous'").execute(Tuple.of(tenant, audience.segment()))
                    .chain(() -> tx.preparedQuery("UPDATE auth.signing_keys SET status = 'previous' "
                            + "WHERE tenant_id = $1 AND audience = $2 AND status = 'active'")
                            .execute(Tuple.of(tenant, audience.segment())))
                    .replaceWithVoid();
            for (SigningKeyFactory.NewKey key : fresh) {
                chain = chain.chain(() -> keys.insertIfNoActive(tx, tenant, audience.segment(), key)).replaceWithVoid();
            }
            return chain;
        }).await().atMost(Duration.ofSeconds(30));
        signingKeys.forget(tenant, audience.segment());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        fresh.forEach(key -> out.put(key.alg(), key.kid()));
        return out;
    }
}
