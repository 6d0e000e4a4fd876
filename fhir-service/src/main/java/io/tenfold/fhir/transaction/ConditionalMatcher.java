package io.tenfold.fhir.transaction;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.fhir.storage.PgTx;

/**
 * Finds the resources a conditional interaction names by a search: {@code ifNoneExist} of a create, the
 * {@code Type?query} URL of a conditional update, patch or delete, and a conditional reference
 * ({@code "reference": "Patient?identifier=http://x|123"}).
 *
 * <p>Contract: yields the ids of the current, not deleted resources of {@code type} that match {@code query} and
 * that {@code access} may see (a patient-confined caller: only its patient's compartment; a restricted scope:
 * only what the restriction matches), read in {@code tx} so that the answer and the writes that depend on it
 * share one transaction. {@code query} is the URL query string as sent (percent-encoded, without the {@code ?}).
 * The list need not be complete beyond two elements (callers only tell 0, 1 and more apart). Fails with a 400
 * {@code OperationOutcomeException} for a query it cannot evaluate, and a 403 when the caller may not search
 * {@code type}; it never writes.
 */
public interface ConditionalMatcher {

    Uni<List<String>> matchIds(PgTx tx, SmartAccess access, String type, String query);
}
