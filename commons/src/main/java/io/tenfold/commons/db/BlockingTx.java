package io.tenfold.commons.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A transaction for code on a worker thread that must decide between statements (read, check, compute, write)
 * without leaving the transaction: scoped like {@link TenantScope#inTransaction}, every call waits for its
 * answer, and closing without {@link #commit()} rolls back. Not for the event loop.
 */
public final class BlockingTx implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SqlConnection connection;
    private Transaction transaction;
    private Uni<Void> scoped;

    private BlockingTx(SqlConnection connection, Transaction transaction) {
        this.connection = connection;
        this.transaction = transaction;
    }

    /** Begins a transaction scoped to a tenant (or {@link TenantScope#ALL}). */
    public static BlockingTx begin(Pool pool, String scope) {
        SqlConnection connection = pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction transaction = connection.begin().await().atMost(TIMEOUT);
            BlockingTx tx = new BlockingTx(connection, transaction);
            // Sent now, answered with the first statement: the client pipelines them in order.
            tx.scoped = TenantScope.enter(connection, scope).memoize().indefinitely();
            tx.scoped.subscribe().with(ignored -> { }, failure -> { });
            return tx;
        } catch (RuntimeException e) {
            connection.close().await().atMost(TIMEOUT);
            throw e;
        }
    }

    public RowSet<Row> execute(String sql, Tuple params) {
        RowSet<Row> rows = connection.preparedQuery(sql).execute(params).await().atMost(TIMEOUT);
        scoped.await().atMost(TIMEOUT);
        return rows;
    }

    /** Runs several statements pipelined (sent together, answered in order); yields the last one's rows. */
    public RowSet<Row> executeAll(List<String> sql, List<Tuple> params) {
        return executeAll(sql, params, sql.size() - 1);
    }

    /** Runs several statements pipelined; yields the rows of the one at {@code index}. */
    public RowSet<Row> executeAll(List<String> sql, List<Tuple> params, int index) {
        List<Uni<RowSet<Row>>> sent = new ArrayList<>(sql.size());
        for (int i = 0; i < sql.size(); i++) {
            Uni<RowSet<Row>> statement = connection.preparedQuery(sql.get(i)).execute(params.get(i)).memoize()
                    .indefinitely();
            statement.subscribe().with(ignored -> { }, failure -> { });
            sent.add(statement);
        }
        RowSet<Row> wanted = null;
        for (int i = 0; i < sent.size(); i++) {
            RowSet<Row> rows = sent.get(i).await().atMost(TIMEOUT);
            if (i == index) {
                wanted = rows;
            }
        }
        scoped.await().atMost(TIMEOUT);
        return wanted;
    }

    public void commit() {
        transaction.commit().await().atMost(TIMEOUT);
        transaction = null;
    }

    @Override
    public void close() {
        try {
            if (transaction != null) {
                transaction.rollback().onFailure().recoverWithNull().await().atMost(TIMEOUT);
            }
        } finally {
            connection.close().await().atMost(TIMEOUT);
        }
    }
}
