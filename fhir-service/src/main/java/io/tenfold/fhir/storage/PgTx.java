package io.tenfold.fhir.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A tenant-scoped transaction whose statements are pipelined: {@code BEGIN}, the row-level-security scope and
 * the first statements leave together, so a read or a single-statement write costs one round trip to
 * PostgreSQL. Statements are sent the moment they are {@linkplain #send sent}; the transaction commits only if
 * every one of them succeeded, and rolls back otherwise.
 */
public final class PgTx {

    private final SqlConnection connection;
    private final List<Uni<RowSet<Row>>> sent = new ArrayList<>();
    private Plans plans;

    private PgTx(SqlConnection connection) {
        this.connection = connection;
    }

    /**
     * The tenant's scope, and generic plans for the transaction's prepared statements. The tables are partitioned,
     * so a custom plan costs milliseconds of planning on every execution (more than running most statements) and
     * PostgreSQL's cost estimates keep choosing it; a generic plan is made once per connection and prunes
     * partitions when it runs. Only statements whose best plan depends on their values (a {@code LIKE} pattern)
     * should run with custom plans ({@link Plans#PER_EXECUTION}).
     */
    private static final String SCOPE_GENERIC = "SELECT set_config('tenfold.tenant', $1, true), "
            + "set_config('plan_cache_mode', 'force_generic_plan', true)";
    private static final String SCOPE_CUSTOM = "SELECT set_config('tenfold.tenant', $1, true), "
            + "set_config('plan_cache_mode', 'force_custom_plan', true)";

    private static final String PLANS = "SELECT set_config('plan_cache_mode', $1, true)";

    /** How the statements of a transaction are planned. */
    public enum Plans {
        /** once per connection and statement (kept with the statement, see {@link PreparedStatementPool}) */
        GENERIC,
        /**
         * for each execution, with its values: statements whose best plan depends on them (a {@code LIKE} pattern)
         * and deletes from the partitioned index tables (a generic plan would open every partition)
         */
        PER_EXECUTION
    }

    /**
     * Runs {@code work} in a transaction scoped to {@code tenant}, its statements planned per execution unless sent
     * with other {@link Plans}; commits after it, if all went well.
     */
    public static <T> Uni<T> run(Pool pool, String tenant, Function<PgTx, Uni<T>> work) {
        return run(pool, tenant, Plans.PER_EXECUTION, work);
    }

    public static <T> Uni<T> run(Pool pool, String tenant, Plans plans, Function<PgTx, Uni<T>> work) {
        return pool.withConnection(connection -> {
            PgTx tx = new PgTx(connection);
            tx.begin(tenant, plans);
            Uni<T> result;
            try {
                result = work.apply(tx);
            } catch (RuntimeException e) {
                result = Uni.createFrom().failure(e);
            }
            return result
                    .call(tx::commit)
                    .onFailure().call(tx::rollback);
        });
    }

    /**
     * Sends {@code statements} and {@code COMMIT} at once, in one round trip, and yields the rows of each; fails
     * (with nothing written) if any statement fails.
     */
    public static Uni<List<RowSet<Row>>> runAll(Pool pool, String tenant, List<String> sql, List<Tuple> params) {
        return runAll(pool, tenant, Plans.PER_EXECUTION, sql, params);
    }

    public static Uni<List<RowSet<Row>>> runAll(Pool pool, String tenant, Plans plans, List<String> sql,
            List<Tuple> params) {
        return pool.withConnection(connection -> {
            PgTx tx = new PgTx(connection);
            tx.begin(tenant, plans);
            List<Uni<RowSet<Row>>> results = new ArrayList<>(sql.size());
            for (int i = 0; i < sql.size(); i++) {
                results.add(tx.send(sql.get(i), params.get(i)));
            }
            return tx.commit().onFailure().call(tx::rollback)
                    .chain(() -> Uni.join().all(results).andFailFast());
        });
    }

    private void begin(String tenant, Plans plans) {
        this.plans = plans;
        fire(connection.query("BEGIN").execute());
        fire(connection.preparedQuery(plans == Plans.GENERIC ? SCOPE_GENERIC : SCOPE_CUSTOM)
                .execute(Tuple.of(tenant)));
    }

    /** Sends a statement now, planned as the transaction's statements are; its rows (or failure) arrive in order. */
    public Uni<RowSet<Row>> send(String sql, Tuple params) {
        return fire(connection.preparedQuery(sql).execute(params));
    }

    /** Sends a statement now, planned as {@code plans} says (and so are the statements after it). */
    public Uni<RowSet<Row>> send(String sql, Tuple params, Plans plans) {
        if (plans != this.plans) {
            this.plans = plans;
            fire(connection.preparedQuery(PLANS).execute(Tuple.of(plans == Plans.GENERIC ? "force_generic_plan"
                    : "force_custom_plan")));
        }
        return send(sql, params);
    }

    private Uni<RowSet<Row>> fire(Uni<RowSet<Row>> statement) {
        Uni<RowSet<Row>> memo = statement.memoize().indefinitely();
        memo.subscribe().with(ignored -> { }, failure -> { });
        sent.add(memo);
        return memo;
    }

    /** Commits, after every statement sent so far succeeded; otherwise fails with the first failure. */
    private Uni<Void> commit() {
        Uni<RowSet<Row>> commit = connection.query("COMMIT").execute().memoize().indefinitely();
        commit.subscribe().with(ignored -> { }, failure -> { });
        List<Uni<RowSet<Row>>> all = new ArrayList<>(sent);
        all.add(commit);
        // A failed statement aborts the transaction: PostgreSQL then answers COMMIT with a rollback.
        return Uni.join().all(all).andFailFast().replaceWithVoid();
    }

    private Uni<Void> rollback() {
        return connection.query("ROLLBACK").execute().onFailure().recoverWithNull().replaceWithVoid();
    }
}
