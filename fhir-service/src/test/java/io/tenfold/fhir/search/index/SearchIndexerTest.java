package io.tenfold.fhir.search.index;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.tenfold.fhir.search.SearchParamRegistry;

class SearchIndexerTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final SearchParamRegistry REGISTRY = new SearchParamRegistry(FHIR);
    static final SearchIndexer INDEXER = new SearchIndexer(REGISTRY);
    static final LocalReferences LOCAL = new LocalReferences("http://localhost:8080", "t1");

    static final String OBSERVATION = """
            {"resourceType":"Observation","id":"o1","status":"final",
             "meta":{"lastUpdated":"2024-05-01T12:00:00.000Z","profile":["http://example.org/StructureDefinition/a1c"],
                     "tag":[{"system":"http://example.org/tags","code":"t"}],
                     "security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"N"}],
                     "source":"http://example.org/lab"},
             "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category",
                                     "code":"laboratory","display":"Laboratory"}]}],
             "code":{"coding":[{"system":"http://loinc.org","code":"4548-4","display":"Hemoglobin A1c"}],"text":"HbA1c"},
             "subject":{"reference":"Patient/p1"},
             "performer":[{"reference":"Practitioner/dr1"}],
             "effectiveDateTime":"2021-03",
             "valueQuantity":{"value":6.3,"unit":"%","system":"http://unitsofmeasure.org","code":"%"}}
            """;

    static Resource parse(String json) {
        return (Resource) FHIR.newJsonParser().parseResource(json);
    }

    static IndexRows index(String json) {
        return INDEXER.index(parse(json), LOCAL);
    }

    static <T> List<T> of(List<T> rows, Function<T, String> param, String name) {
        return rows.stream().filter(r -> param.apply(r).equals(name)).toList();
    }

    @Test
    void aPositionIsItsLatitudeAndLongitudeInOneGroup() {
        IndexRows rows = index("{\"resourceType\":\"Location\",\"id\":\"l1\","
                + "\"position\":{\"latitude\":52.52,\"longitude\":13.405,\"altitude\":34}}");
        assertEquals(List.of(new NumberRow("near$lat", new BigDecimal("52.52"), 0),
                new NumberRow("near$long", new BigDecimal("13.405"), 0)), rows.numbers());
        assertTrue(index("{\"resourceType\":\"Location\",\"position\":{\"latitude\":52.52}}").numbers()
                .isEmpty(), "half a position is none");
    }

    @Test
    void observation() {
        IndexRows rows = index(OBSERVATION);

        assertEquals(List.of(new TokenRow("code", "http://loinc.org", "4548-4", "Hemoglobin A1c"),
                new TokenRow("code", null, null, "HbA1c")), of(rows.tokens(), TokenRow::param, "code"));
        assertTrue(rows.tokens().contains(new TokenRow("category",
                "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
        assertEquals(List.of(new TokenRow("status", "http://hl7.org/fhir/observation-status", "final", null)),
                of(rows.tokens(), TokenRow::param, "status"));

        assertTrue(rows.references().contains(new ReferenceRow("subject", "Patient", "p1", null)));
        assertTrue(rows.references().contains(new ReferenceRow("patient", "Patient", "p1", null)));
        assertTrue(rows.references().contains(new ReferenceRow("performer", "Practitioner", "dr1", null)));

        assertEquals(List.of(new DateRow("date", Instant.parse("2021-03-01T00:00:00Z"), Instant.parse("2021-04-01T00:00:00Z"))),
                of(rows.dates(), DateRow::param, "date"));
        assertEquals(List.of(new QuantityRow("value-quantity", "http://unitsofmeasure.org", "%", new BigDecimal("6.3"))),
                of(rows.quantities(), QuantityRow::param, "value-quantity"));
        assertEquals(Set.of("p1"), rows.patientCompartment());
    }

    @Test
    void metaParameters() {
        IndexRows rows = index(OBSERVATION);
        assertTrue(rows.tokens().contains(new TokenRow("_tag", "http://example.org/tags", "t", null)));
        assertTrue(rows.tokens().contains(new TokenRow("_security",
                "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "N", null)));
        assertTrue(rows.uris().contains(new UriRow("_profile", "http://example.org/StructureDefinition/a1c")));
        assertTrue(rows.uris().contains(new UriRow("_source", "http://example.org/lab")));
        assertTrue(rows.dates().contains(new DateRow("_lastUpdated",
                Instant.parse("2024-05-01T12:00:00Z"), Instant.parse("2024-05-01T12:00:00.001Z"))));
        assertTrue(of(rows.tokens(), TokenRow::param, "_id").isEmpty(), "_id is a column");
    }

    @Test
    void patient() {
        IndexRows rows = index("""
                {"resourceType":"Patient","id":"pt1","gender":"female","birthDate":"1980-05",
                 "identifier":[{"system":"urn:oid:1.2.36.146.595.217.0.1","value":"12345","type":{"text":"MRN"}}],
                 "name":[{"family":"Dubois","given":["Renée","Renée"]}],
                 "telecom":[{"system":"phone","value":"555-1234"},{"system":"email","value":"renee@example.org"}],
                 "address":[{"line":["1 Rue Sainte-Catherine"],"city":"Montréal","postalCode":"H2X 1Z4"}]}
                """);

        assertEquals(List.of(new StringRow("given", "renee", "Renée")), of(rows.strings(), StringRow::param, "given"));
        assertTrue(rows.strings().contains(new StringRow("name", "renee", "Renée")));
        assertTrue(rows.strings().contains(new StringRow("name", "dubois", "Dubois")));
        assertTrue(rows.strings().contains(new StringRow("family", "dubois", "Dubois")));
        assertEquals(List.of(new StringRow("address-city", "montreal", "Montréal")),
                of(rows.strings(), StringRow::param, "address-city"));
        assertTrue(rows.strings().contains(new StringRow("address", "1 rue sainte-catherine", "1 Rue Sainte-Catherine")));

        assertEquals(List.of(new DateRow("birthdate", Instant.parse("1980-05-01T00:00:00Z"), Instant.parse("1980-06-01T00:00:00Z"))),
                of(rows.dates(), DateRow::param, "birthdate"));
        assertEquals(List.of(new TokenRow("identifier", "urn:oid:1.2.36.146.595.217.0.1", "12345", "MRN")),
                of(rows.tokens(), TokenRow::param, "identifier"));
        assertEquals(List.of(new TokenRow("gender", "http://hl7.org/fhir/administrative-gender", "female", null)),
                of(rows.tokens(), TokenRow::param, "gender"));
        assertEquals(List.of(new TokenRow("phone", "phone", "555-1234", null)), of(rows.tokens(), TokenRow::param, "phone"));
        assertEquals(List.of(new TokenRow("email", "email", "renee@example.org", null)),
                of(rows.tokens(), TokenRow::param, "email"));
        assertEquals(List.of(new TokenRow("deceased", null, "false", null)), of(rows.tokens(), TokenRow::param, "deceased"));
        assertEquals(Set.of("pt1"), rows.patientCompartment());
    }

    @Test
    void deceasedDateTimeMeansDeceased() {
        IndexRows rows = index("""
                {"resourceType":"Patient","id":"pt2","deceasedDateTime":"2020-01-02"}
                """);
        assertEquals(List.of(new TokenRow("deceased", null, "true", null)), of(rows.tokens(), TokenRow::param, "deceased"));
        assertEquals(1, of(rows.dates(), DateRow::param, "death-date").size());
    }

    @Test
    void encounterPeriodWithOpenEnd() {
        IndexRows rows = index("""
                {"resourceType":"Encounter","id":"e1","status":"in-progress","class":{"code":"AMB"},
                 "subject":{"reference":"Patient/p1"},
                 "period":{"start":"2021-01-01T10:00:00Z"}}
                """);
        assertEquals(List.of(new DateRow("date", Instant.parse("2021-01-01T10:00:00Z"), DateRanges.MAX)),
                of(rows.dates(), DateRow::param, "date"));
        assertEquals(Set.of("p1"), rows.patientCompartment());
    }

    @Test
    void encounterPeriodClosed() {
        IndexRows rows = index("""
                {"resourceType":"Encounter","status":"finished","class":{"code":"AMB"},
                 "period":{"start":"2021-01-01","end":"2021-01-03"}}
                """);
        assertEquals(List.of(new DateRow("date", Instant.parse("2021-01-01T00:00:00Z"), Instant.parse("2021-01-04T00:00:00Z"))),
                of(rows.dates(), DateRow::param, "date"));
        assertTrue(rows.patientCompartment().isEmpty());
    }

    @Test
    void containedReferencesAreNotReferenceRows() {
        IndexRows rows = index("""
                {"resourceType":"MedicationRequest","id":"mr1","status":"active","intent":"order",
                 "contained":[{"resourceType":"Medication","id":"med1","code":{"text":"Aspirin"}},
                              {"resourceType":"Patient","id":"pat"}],
                 "medicationReference":{"reference":"#med1"},
                 "subject":{"reference":"#pat"}}
                """);
        assertTrue(rows.references().isEmpty(), rows.references()::toString);
        assertTrue(rows.patientCompartment().isEmpty());
    }

    @Test
    void absoluteReferences() {
        String own = "http://localhost:8080/tenant/t1/provider/smart-api/Patient/p1";
        String otherTenant = "http://localhost:8080/tenant/t2/provider/smart-api/Patient/p9";
        String otherHost = "https://fhir.example.org/r4/Patient/p7";

        IndexRows mine = index(observationWithSubject(own));
        assertTrue(mine.references().contains(new ReferenceRow("subject", "Patient", "p1", null)));
        assertEquals(Set.of("p1"), mine.patientCompartment());

        IndexRows theirs = index(observationWithSubject(otherTenant));
        assertTrue(theirs.references().contains(new ReferenceRow("subject", null, null, otherTenant)));
        assertTrue(theirs.patientCompartment().isEmpty());
        assertTrue(LOCAL.isOtherTenantOfThisServer(otherTenant));

        IndexRows external = index(observationWithSubject(otherHost));
        assertTrue(external.references().contains(new ReferenceRow("subject", null, null, otherHost)));
        assertTrue(external.references().contains(new ReferenceRow("patient", null, null, otherHost)),
                "resolve() is Patient reads the type from the URL");
        assertTrue(external.patientCompartment().isEmpty());
        assertFalse(LOCAL.isOtherTenantOfThisServer(otherHost));
    }

    private static String observationWithSubject(String reference) {
        return """
                {"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"%s"}}
                """.formatted(reference);
    }

    @Test
    void versionedReferencesLoseTheirVersion() {
        IndexRows rows = index(observationWithSubject("Patient/p1/_history/4"));
        assertTrue(rows.references().contains(new ReferenceRow("subject", "Patient", "p1", null)));
    }

    @Test
    void patientCompartmentByType() {
        assertEquals(Set.of("p3"), index("""
                {"resourceType":"AllergyIntolerance","patient":{"reference":"Patient/p3"},
                 "recorder":{"reference":"Practitioner/x"}}
                """).patientCompartment());
        assertEquals(Set.of("p4", "p5"), index("""
                {"resourceType":"Group","type":"person","actual":true,
                 "member":[{"entity":{"reference":"Patient/p4"}},{"entity":{"reference":"Patient/p5"}},
                           {"entity":{"reference":"Practitioner/x"}}]}
                """).patientCompartment());
        assertEquals(Set.of("p6"), index("""
                {"resourceType":"Observation","status":"final","code":{"text":"x"},
                 "subject":{"reference":"Group/g1"},"performer":[{"reference":"Patient/p6"}]}
                """).patientCompartment());
        assertTrue(index("""
                {"resourceType":"Organization","name":"Acme"}
                """).patientCompartment().isEmpty());
    }

    @Test
    void everyResourceTypeIndexesAnEmptyInstance() {
        for (String type : REGISTRY.resourceTypes()) {
            Resource resource = (Resource) FHIR.getResourceDefinition(type).newInstance();
            resource.setId("x1");
            IndexRows rows = assertDoesNotThrow(() -> INDEXER.index(resource, LOCAL), type);
            assertEquals(type.equals("Patient") ? Set.of("x1") : Set.of(), rows.patientCompartment(), type);
        }
    }
    @Test
    void compositeComponentsOfOneElementShareAGroup() {
        IndexRows rows = index("""
                {"resourceType":"Observation","id":"bp","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
                 "component":[
                   {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},
                    "valueQuantity":{"value":120,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
                   {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},
                    "valueQuantity":{"value":55,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
                   {"code":{"coding":[{"system":"http://loinc.org","code":"no-value"}]}}]}
                """);

        List<TokenRow> codes = of(rows.tokens(), TokenRow::param, "component-code-value-quantity$0");
        List<QuantityRow> values = of(rows.quantities(), QuantityRow::param, "component-code-value-quantity$1");
        assertEquals(2, codes.size(), "the component without a value cannot match, so it has no group");
        Integer systolic = codes.stream().filter(r -> r.code().equals("8480-6")).findFirst().orElseThrow().grp();
        Integer diastolic = codes.stream().filter(r -> r.code().equals("8462-4")).findFirst().orElseThrow().grp();
        assertFalse(systolic.equals(diastolic));
        assertEquals(new BigDecimal("120"), values.stream().filter(r -> r.grp().equals(systolic)).findFirst()
                .orElseThrow().value());
        assertEquals(new BigDecimal("55"), values.stream().filter(r -> r.grp().equals(diastolic)).findFirst()
                .orElseThrow().value());
        assertTrue(of(rows.tokens(), TokenRow::param, "code").stream().allMatch(r -> r.grp() == null),
                "ordinary parameters have no group");
        assertTrue(of(rows.tokens(), TokenRow::param, "code-value-quantity$0").isEmpty(),
                "the Observation itself has no value");
        assertTrue(of(rows.tokens(), TokenRow::param, "combo-code-value-quantity$0").isEmpty()
                && of(rows.tokens(), TokenRow::param, "combo-code").isEmpty(),
                "combo-* are unions of other parameters: no rows of their own");
    }

    @Test
    void identifierTypesAndReferenceIdentifiersHaveRowsOfTheirOwn() {
        IndexRows rows = index("""
                {"resourceType":"Observation","id":"o2","status":"final","code":{"text":"x"},
                 "subject":{"identifier":{"system":"http://hospital.example/mrn","value":"12345"}},
                 "identifier":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203",
                                "code":"FILL"}]},"system":"http://lab.example","value":"A-1"}]}
                """);

        assertEquals(List.of(new TokenRow("subject:identifier", "http://hospital.example/mrn", "12345", null)),
                of(rows.tokens(), TokenRow::param, "subject:identifier"));
        assertTrue(of(rows.references(), ReferenceRow::param, "subject").isEmpty(), "no literal reference");
        assertEquals(List.of(new TokenRow("identifier:of-type", "http://terminology.hl7.org/CodeSystem/v2-0203",
                "A-1", "FILL")), of(rows.tokens(), TokenRow::param, "identifier:of-type"));
    }
}
