package io.tenfold.fhir.search.query;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.security.smart.SmartAccess;
import io.tenfold.fhir.storage.PgTx;
import io.tenfold.fhir.transaction.ConditionalMatcher;

/** Conditional interactions resolve with the search engine itself, in the caller's transaction. */
@ApplicationScoped
public class SearchConditionalMatcher implements ConditionalMatcher {

    private final SearchService search;

    public SearchConditionalMatcher(SearchService search) {
        this.search = search;
    }

    @Override
    public Uni<List<String>> matchIds(PgTx tx, SmartAccess access, String type, String query) {
        return search.matchIds(tx, access, type, query);
    }
}
