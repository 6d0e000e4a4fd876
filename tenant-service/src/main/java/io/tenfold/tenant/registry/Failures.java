package io.tenfold.tenant.registry;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

/** Recognizes database failures that are the client's doing. */
public final class Failures {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final Pattern CONSTRAINT = Pattern.compile("unique constraint \"([^\"]+)\"");

    private Failures() {
    }

    /** A unique or primary key violation (SQLSTATE 23505), wherever it sits in the cause chain. */
    public static boolean isUniqueViolation(Throwable failure) {
        return violatedConstraint(failure) != null;
    }

    /**
     * The name of the unique constraint or index a failure violated ("" when it cannot be told), or null if the
     * failure is no unique violation. The reactive client reports it directly; Hibernate wraps it in its own
     * exceptions.
     */
    public static String violatedConstraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return pg.getConstraint() == null ? "" : pg.getConstraint();
            }
            if (t instanceof ConstraintViolationException cv && UNIQUE_VIOLATION.equals(cv.getSQLState())) {
                return cv.getConstraintName() != null ? cv.getConstraintName() : fromMessage(cv.getMessage());
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return fromMessage(sql.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String fromMessage(String message) {
        Matcher matcher = CONSTRAINT.matcher(message == null ? "" : message);
        return matcher.find() ? matcher.group(1) : "";
    }
}
