package io.tenfold.tenant.registry;

import io.vertx.pgclient.PgException;

/** Recognizes database failures that are the client's doing. */
public final class Failures {

    private Failures() {
    }

    /** A unique or primary key violation (SQLSTATE 23505), wherever it sits in the cause chain. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
