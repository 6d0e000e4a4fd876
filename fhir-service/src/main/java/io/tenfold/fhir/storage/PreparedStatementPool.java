package io.tenfold.fhir.storage;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * The connection pool, with prepared statements kept per connection up to {@value #SQL_LIMIT} characters of SQL
 * (the client's default, 2,048, leaves out the write statement and most searches, which were then parsed and
 * analysed on every execution).
 */
@Singleton
public class PreparedStatementPool implements PgPoolCreator {

    static final int SQL_LIMIT = 16_384;
    static final int STATEMENTS_PER_CONNECTION = 512;

    @Override
    @SuppressWarnings("deprecation") // Quarkus's pool creator contract still answers a PgPool
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(SQL_LIMIT);
            options.setPreparedStatementCacheMaxSize(STATEMENTS_PER_CONNECTION);
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
