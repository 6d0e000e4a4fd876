package io.tenfold.fhir.terminology;

import java.util.List;
import java.util.Set;

/**
 * The codes of a ValueSet, as {@code :in} and {@code :not-in} search them: listed codes, whole code systems, and what
 * the ValueSet excludes from them.
 */
public record CodeSet(List<Code> codes, Set<String> systems, List<Code> excludedCodes, Set<String> excludedSystems) {

    public CodeSet {
        codes = List.copyOf(codes);
        systems = Set.copyOf(systems);
        excludedCodes = List.copyOf(excludedCodes);
        excludedSystems = Set.copyOf(excludedSystems);
    }

    public record Code(String system, String code) {
    }
}
