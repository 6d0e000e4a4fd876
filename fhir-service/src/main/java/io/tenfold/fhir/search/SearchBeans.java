package io.tenfold.fhir.search;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.tenfold.fhir.parse.ResourceParser;
import io.tenfold.fhir.search.index.SearchIndexer;

/** The search-parameter registry (built once, at start) and the indexer that uses it, as beans. */
public class SearchBeans {

    @Produces
    @Singleton
    SearchParamRegistry registry(ResourceParser parser) {
        return new SearchParamRegistry(parser.context());
    }

    @Produces
    @Singleton
    SearchIndexer indexer(SearchParamRegistry registry) {
        return new SearchIndexer(registry);
    }
}
