package io.tenfold.fhir.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;

class SearchParamRegistryTest {

    static final SearchParamRegistry REGISTRY = new SearchParamRegistry(FhirContext.forR4Cached());

    @Test
    void knowsObservationCodeAndSubject() {
        SearchParamDef code = REGISTRY.find("Observation", "code").orElseThrow();
        assertEquals(SearchParamType.TOKEN, code.type());
        assertEquals("Observation.code", code.expression());
        assertTrue(code.indexed());

        SearchParamDef subject = REGISTRY.find("Observation", "subject").orElseThrow();
        assertEquals(SearchParamType.REFERENCE, subject.type());
        assertTrue(subject.targets().containsAll(Set.of("Patient", "Group", "Device", "Location")), subject.targets()::toString);
    }

    @Test
    void everyTypeHasTheResourceParameters() {
        assertTrue(REGISTRY.resourceTypes().size() >= 145, "R4 has 145+ resource types");
        for (String type : REGISTRY.resourceTypes()) {
            for (String name : List.of("_id", "_lastUpdated", "_tag", "_profile", "_security", "_source")) {
                assertTrue(REGISTRY.find(type, name).isPresent(), type + " lacks " + name);
            }
        }
        assertEquals(SearchParamType.DATE, REGISTRY.find("Patient", "_lastUpdated").orElseThrow().type());
        assertEquals(SearchParamType.URI, REGISTRY.find("Patient", "_profile").orElseThrow().type());
        assertEquals(SearchParamType.URI, REGISTRY.find("Patient", "_source").orElseThrow().type());
    }

    @Test
    void unknownLookupsAreEmpty() {
        assertTrue(REGISTRY.find("Observation", "nope").isEmpty());
        assertTrue(REGISTRY.find("Nope", "code").isEmpty());
        assertTrue(REGISTRY.of("Nope").isEmpty());
        assertTrue(REGISTRY.patientCompartmentParams("Nope").isEmpty());
    }

    @Test
    void everyNonCompositeExpressionCompiles() {
        int compiled = 0;
        for (String type : REGISTRY.resourceTypes()) {
            for (SearchParamDef def : REGISTRY.of(type)) {
                boolean composite = def.type() == SearchParamType.COMPOSITE || def.type() == SearchParamType.SPECIAL;
                if (!composite && !def.expression().isBlank()) {
                    assertTrue(def.indexed(), () -> def.resourceType() + ":" + def.name() + " " + def.expression());
                    compiled++;
                }
            }
        }
        assertTrue(compiled > 2000, "compiled " + compiled);
    }

    @Test
    void nearIsTheOneSpecialParameterWithAnExpressionAndItIsIndexed() {
        List<String> special = new java.util.ArrayList<>();
        for (String type : REGISTRY.resourceTypes()) {
            for (SearchParamDef def : REGISTRY.of(type)) {
                if (def.type() == SearchParamType.SPECIAL && !def.expression().isBlank()) {
                    special.add(type + ":" + def.name());
                    assertTrue(def.indexed(), type + ":" + def.name());
                }
            }
        }
        assertEquals(List.of("Location:near"), special);
    }

    @Test
    void observationsComboParametersAreSearchedAsTheUnionOfThoseTheyRepeat() {
        java.util.Map<String, List<String>> unions = new java.util.TreeMap<>();
        for (String type : REGISTRY.resourceTypes()) {
            for (SearchParamDef def : REGISTRY.of(type)) {
                if (!def.unionOf().isEmpty()) {
                    unions.put(type + ":" + def.name(), def.unionOf());
                    assertTrue(def.indexed() && !def.hasRows(), def.name());
                }
            }
        }
        assertEquals(java.util.Map.of(
                "Observation:combo-code", List.of("code", "component-code"),
                "Observation:combo-code-value-concept", List.of("code-value-concept", "component-code-value-concept"),
                "Observation:combo-code-value-quantity",
                List.of("code-value-quantity", "component-code-value-quantity"),
                "Observation:combo-data-absent-reason", List.of("component-data-absent-reason", "data-absent-reason"),
                "Observation:combo-value-concept", List.of("component-value-concept", "value-concept"),
                "Observation:combo-value-quantity", List.of("component-value-quantity", "value-quantity")),
                unions);
    }

    @Test
    void everyCompositeIsIndexedWithItsComponentsRelativeToItsElements() {
        int composites = 0;
        for (String type : REGISTRY.resourceTypes()) {
            for (SearchParamDef def : REGISTRY.of(type)) {
                if (def.type() == SearchParamType.COMPOSITE) {
                    assertTrue(def.indexed(), () -> def.resourceType() + ":" + def.name());
                    composites++;
                }
            }
        }
        assertTrue(composites > 60, "composites " + composites);
        CompositeParam bp = REGISTRY.find("Observation", "component-code-value-quantity").orElseThrow().composite();
        assertEquals(List.of("component-code", "component-value-quantity"),
                bp.components().stream().map(SearchParamDef::name).toList());
        assertEquals("Observation.component", bp.branches().get(0).elements().expression());
        assertEquals("code", bp.branches().get(0).components().get(0).path().expression());
        assertEquals("(value as Quantity) | (value as SampledData)",
                bp.branches().get(0).components().get(1).path().expression());
        CompositeParam variant = REGISTRY.find("MolecularSequence", "chromosome-variant-coordinate").orElseThrow()
                .composite();
        assertTrue(variant.branches().get(0).components().get(0).fromResource(), "the chromosome is the sequence's");
        assertEquals("start", variant.branches().get(0).components().get(1).path().expression());
    }

    @Test
    void patientCompartment() {
        assertEquals(Set.of("subject", "performer"), REGISTRY.patientCompartmentParams("Observation"));
        assertTrue(REGISTRY.patientCompartmentParams("Encounter").contains("patient"));
        assertTrue(REGISTRY.patientCompartmentParams("AllergyIntolerance").contains("patient"));
        assertEquals(Set.of("member"), REGISTRY.patientCompartmentParams("Group"), "R4 CompartmentDefinition/patient");
        assertTrue(REGISTRY.patientCompartmentParams("Organization").isEmpty());
        assertTrue(REGISTRY.patientCompartmentParams("Patient").contains("link"));
        assertFalse(REGISTRY.inPatientCompartment("Organization"));
        assertTrue(REGISTRY.inPatientCompartment("Patient"));
    }
}
