package io.tenfold.fhir.search.index;

import java.util.List;
import java.util.Set;

public record IndexRows(List<TokenRow> tokens, List<StringRow> strings, List<ReferenceRow> references,
        List<DateRow> dates, List<NumberRow> numbers, List<QuantityRow> quantities, List<UriRow> uris,
        Set<String> patientCompartment) {
}
