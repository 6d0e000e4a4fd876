package io.tenfold.commons.error;

import java.util.Set;

import io.vertx.pgclient.PgException;

/**
 * PostgreSQL errors that the request's own content caused, as the 400 they are: text PostgreSQL cannot hold
 * (U+0000 in a {@code text} value or a JSON string). The services refuse such content before it reaches the
 * database; this is the net under those checks, so that none of it ever answers 500.
 */
public final class StorageErrors {

    /** character_not_in_repertoire (U+0000 in text), untranslatable_character (\u0000 in jsonb) */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

    private StorageErrors() {
    }

    /** The client error {@code failure} stands for, or null if it is not one. */
    public static OperationOutcomeException clientError(Throwable failure) {
        if (failure instanceof PgException pg && UNSTORABLE_TEXT.contains(pg.getSqlState())) {
            return new InvalidRequestException("character-invalid",
                    "The request contains the character U+0000, which cannot be stored");
        }
        return null;
    }
}
