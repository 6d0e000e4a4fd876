package io.tenfold.fhir.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.tenfold.fhir.search.index.SearchIndexer;

/**
 * Builds HAPI's R4 model and the search-parameter registry at start (seconds of work), so that no request
 * pays for it on an event-loop thread.
 */
@ApplicationScoped
public class SearchWarmUp {

    void warm(@Observes StartupEvent start, SearchParamRegistry registry, SearchIndexer indexer) {
        registry.resourceTypes().size();
    }
}
