package io.tenfold.commons.db;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The row-level security wall: every tenant table has a policy {@code tenant_id =
 * current_setting('tenfold.tenant')}, and every transaction sets that setting first. {@link #ALL} is the scope
 * of system work that spans tenants (the outbox relay, the tenant registry itself); no tenant id can equal it.
 */
public final class TenantScope {

    /** The scope of cross-tenant system work. */
    public static final String ALL = "*";

    public static final String SET_SQL = "SELECT set_config('tenfold.tenant', $1, true)";

    private TenantScope() {
    }

    /** Sets the scope for the rest of the current transaction. */
    public static Uni<Void> enter(SqlConnection tx, String scope) {
        return tx.preparedQuery(SET_SQL).execute(Tuple.of(scope)).replaceWithVoid();
    }

    /**
     * Runs {@code work} in a transaction scoped to {@code scope} (a tenant id or {@link #ALL}). The scope is set
     * without waiting for its answer: the client pipelines it ahead of the work's first statement on the same
     * connection, so PostgreSQL runs them in order and a transaction costs one round trip less. A failure to set
     * the scope still fails the transaction.
     */
    public static <T> Uni<T> inTransaction(Pool pool, String scope, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(tx -> {
            Uni<Void> entered = enter(tx, scope).memoize().indefinitely();
            entered.subscribe().with(ignored -> { }, failure -> { });
            return work.apply(tx).call(() -> entered);
        });
    }
}
