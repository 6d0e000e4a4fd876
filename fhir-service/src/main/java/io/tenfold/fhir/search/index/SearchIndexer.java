package io.tenfold.fhir.search.index;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** TEMPORARY (replaced by the search-index branch). */
@jakarta.enterprise.context.ApplicationScoped
public class SearchIndexer {

    public IndexRows index(Resource resource, LocalReferences local) {
        Set<String> compartment = new LinkedHashSet<>();
        if (resource instanceof Patient p) {
            compartment.add(p.getIdElement().getIdPart());
        }
        if (resource instanceof Observation o && o.getSubject().getReference() != null
                && o.getSubject().getReference().startsWith("Patient/")) {
            compartment.add(o.getSubject().getReference().substring(8));
        }
        return new IndexRows(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), compartment);
    }
}
