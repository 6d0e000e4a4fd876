package io.tenfold.fhir.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.TestTokens;

/**
 * Search modifiers {@code :identifier} (references), {@code :of-type}, {@code :in} and {@code :not-in} (tokens), and
 * composite parameters ({@code $}-joined values), as https://hl7.org/fhir/R4/search.html defines them. Each test
 * works on a patient (or identifiers, value set urls, groups) of its own, so expectations are exact.
 */
@QuarkusTest
class ModifiersAndCompositesTest {

    static final String LOINC = "http://loinc.org";
    static final String SCT = "http://snomed.info/sct";
    static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String SYSTOLIC = "8480-6";
    static final String DIASTOLIC = "8462-4";
    static final String WEIGHT = "29463-7";

    static String tenant;
    static String api;
    /** Another tenant, for isolation: what is stored there must never shape a search in {@link #tenant}. */
    static String other;

    @BeforeEach
    void tenants() {
        if (tenant != null) {
            return;
        }
        other = TestTenants.create("modcomp-o");
        tenant = TestTenants.create("modcomp");
        api = "/tenant/" + tenant + "/provider/smart-api";
    }

    // ---- requests ------------------------------------------------------------------------------------------

    static RequestSpecification providerOf(String t) {
        return given().auth().oauth2(TestTokens.provider(t, "user/*.cruds"))
                .contentType("application/fhir+json; charset=UTF-8");
    }

    static String create(String body) {
        return createIn(tenant, body);
    }

    static String createIn(String t, String body) {
        String type = JsonPath.from(body).getString("resourceType");
        return providerOf(t).body(body).post("/tenant/" + t + "/provider/smart-api/" + type).then().log()
                .ifValidationFails().statusCode(201).extract().path("id");
    }

    /** The ids of the matches of a search in {@link #tenant}, sent as written (see {@link #encoded}). */
    static Set<String> ids(String query) {
        return idsIn(tenant, query);
    }

    static Set<String> idsIn(String t, String query) {
        return matches(providerOf(t), "/tenant/" + t + "/provider/smart-api/" + query);
    }

    static Set<String> matches(RequestSpecification who, String pathAndQuery) {
        JsonPath json = who.urlEncodingEnabled(false).get(encoded(pathAndQuery)).then().log()
                .ifValidationFails().statusCode(200).body("type", equalTo("searchset")).extract().jsonPath();
        return Set.copyOf(json.getList("entry.findAll { it.search.mode == 'match' }.resource.id", String.class));
    }

    /** '|' and "://" percent-encoded in the query (rest-assured takes a second "://" for a URL of its own). */
    static String encoded(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return pathAndQuery.substring(0, q + 1)
                + pathAndQuery.substring(q + 1).replace("|", "%7C").replace("://", "%3A%2F%2F");
    }

    /** The search is refused as a bad request, with an OperationOutcome saying why. */
    static void refused(String query) {
        providerOf(tenant).urlEncodingEnabled(false).get(encoded(api + "/" + query)).then().log()
                .ifValidationFails().statusCode(400).body("resourceType", equalTo("OperationOutcome"))
                .body("issue", not(empty()));
    }

    // ---- resources -----------------------------------------------------------------------------------------

    static String patient() {
        return create("{\"resourceType\":\"Patient\"}");
    }

    static String concept(String system, String code) {
        return "{\"coding\":[{\"system\":\"" + system + "\",\"code\":\"" + code + "\"}]}";
    }

    static String mmHg(String value) {
        return "{\"value\":" + value + ",\"unit\":\"mmHg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}";
    }

    /** An Observation of {@code patient} with code {@code code} (a CodeableConcept) and further elements. */
    static String observation(String patient, String code, String more) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":" + code
                + ",\"subject\":{\"reference\":\"Patient/" + patient + "\"}" + (more.isEmpty() ? "" : "," + more) + "}";
    }

    static String vital(String patient, String loinc, String value) {
        return create(observation(patient, concept(LOINC, loinc), "\"valueQuantity\":" + mmHg(value)));
    }

    static String coded(String patient, String system, String code) {
        return create(observation(patient, concept(system, code), ""));
    }

    static String bloodPressure(String patient, String systolic, String diastolic) {
        return create(observation(patient, concept(LOINC, "85354-9"), "\"component\":["
                + "{\"code\":" + concept(LOINC, SYSTOLIC) + ",\"valueQuantity\":" + mmHg(systolic) + "},"
                + "{\"code\":" + concept(LOINC, DIASTOLIC) + ",\"valueQuantity\":" + mmHg(diastolic) + "}]"));
    }

    static String observationAbout(String subject) {
        return create("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":" + concept(LOINC, WEIGHT)
                + ",\"subject\":" + subject + "}");
    }

    static String valueSet(String url, String body) {
        return "{\"resourceType\":\"ValueSet\",\"url\":\"" + url + "\",\"status\":\"active\"," + body + "}";
    }

    static String patientWithIdentifier(String typeCode, String value) {
        return create("{\"resourceType\":\"Patient\",\"identifier\":[{\"type\":" + concept(V2_0203, typeCode)
                + ",\"system\":\"http://hospital.example/ids\",\"value\":\"" + value + "\"}]}");
    }

    static String group(String... characteristics) {
        return create("{\"resourceType\":\"Group\",\"type\":\"person\",\"actual\":false,\"characteristic\":["
                + String.join(",", characteristics) + "]}");
    }

    static String characteristic(String code, String gender) {
        return "{\"code\":" + concept(SCT, code) + ",\"valueCodeableConcept\":"
                + concept("http://hl7.org/fhir/administrative-gender", gender) + ",\"exclude\":false}";
    }

    // ---- Reference :identifier -----------------------------------------------------------------------------

    @Test
    void identifierModifierMatchesTheReferencesOwnIdentifierNotTheTargets() {
        String target = create("{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"http://hospital.example/mrn\","
                + "\"value\":\"12345\"}]}");
        String logical = observationAbout("{\"identifier\":{\"system\":\"http://hospital.example/mrn\",\"value\":\"12345\"}}");
        String otherSystem = observationAbout("{\"identifier\":{\"system\":\"http://other.example/mrn\",\"value\":\"12345\"}}");
        observationAbout("{\"reference\":\"Patient/" + target + "\"}");
        observationAbout("{\"identifier\":{\"system\":\"http://hospital.example/mrn\",\"value\":\"54321\"}}");

        assertEquals(Set.of(logical), ids("Observation?subject:identifier=http://hospital.example/mrn|12345"));
        assertEquals(Set.of(otherSystem), ids("Observation?subject:identifier=http://other.example/mrn|12345"));
        assertEquals(Set.of(), ids("Observation?subject:identifier=http://nowhere.example/mrn|12345"));
    }

    @Test
    void identifierModifierTakesEveryTokenForm() {
        String withSystem = observationAbout("{\"identifier\":{\"system\":\"http://hospital.example/mrn\",\"value\":\"777\"}}");
        String withoutSystem = observationAbout("{\"identifier\":{\"value\":\"777\"}}");
        observationAbout("{\"identifier\":{\"value\":\"778\"}}");

        assertEquals(Set.of(withSystem, withoutSystem), ids("Observation?subject:identifier=777"));
        assertEquals(Set.of(withoutSystem), ids("Observation?subject:identifier=|777"));
    }

    // ---- Token :of-type --------------------------------------------------------------------------------------

    @Test
    void ofTypeMatchesIdentifierTypeAndValueTogether() {
        String mr = patientWithIdentifier("MR", "446053");
        patientWithIdentifier("SS", "446053");
        patientWithIdentifier("MR", "446054");

        assertEquals(Set.of(mr), ids("Patient?identifier:of-type=" + V2_0203 + "|MR|446053"));
        assertEquals(Set.of(), ids("Patient?identifier:of-type=" + V2_0203 + "|DL|446053"));
    }

    @Test
    void ofTypeWithoutThreePartsIsABadRequest() {
        refused("Patient?identifier:of-type=MR|446053");
        refused("Patient?identifier:of-type=446053");
    }

    // ---- Token :in / :not-in ---------------------------------------------------------------------------------

    @Test
    void inAndNotInUseTheConceptsOfAStoredValueSet() {
        create(valueSet("http://clinic.example/ValueSet/vitals", "\"compose\":{\"include\":[{\"system\":\"" + LOINC
                + "\",\"concept\":[{\"code\":\"" + SYSTOLIC + "\"},{\"code\":\"" + DIASTOLIC + "\"}]}]}"));
        String p = patient();
        String systolic = vital(p, SYSTOLIC, "120");
        String diastolic = vital(p, DIASTOLIC, "80");
        String weight = vital(p, WEIGHT, "70");

        assertEquals(Set.of(systolic, diastolic),
                ids("Observation?subject=Patient/" + p + "&code:in=http://clinic.example/ValueSet/vitals"));
        assertEquals(Set.of(weight),
                ids("Observation?subject=Patient/" + p + "&code:not-in=http://clinic.example/ValueSet/vitals"));
    }

    @Test
    void inUsesTheExpansionIncludingNestedContains() {
        create(valueSet("http://clinic.example/ValueSet/expanded", "\"expansion\":{\"timestamp\":"
                + "\"2024-01-01T00:00:00Z\",\"contains\":[{\"system\":\"" + LOINC + "\",\"code\":\"" + SYSTOLIC + "\"},"
                + "{\"abstract\":true,\"display\":\"Body measures\",\"contains\":[{\"system\":\"" + LOINC
                + "\",\"code\":\"" + WEIGHT + "\"}]}]}"));
        String p = patient();
        String systolic = vital(p, SYSTOLIC, "120");
        vital(p, DIASTOLIC, "80");
        String weight = vital(p, WEIGHT, "70");

        assertEquals(Set.of(systolic, weight),
                ids("Observation?subject=Patient/" + p + "&code:in=http://clinic.example/ValueSet/expanded"));
    }

    @Test
    void inAWholeSystemMatchesAnyOfItsCodes() {
        create(valueSet("http://clinic.example/ValueSet/all-snomed",
                "\"compose\":{\"include\":[{\"system\":\"" + SCT + "\"}]}"));
        String p = patient();
        String first = coded(p, SCT, "271649006");
        String second = coded(p, SCT, "38341003");
        coded(p, LOINC, SYSTOLIC);

        assertEquals(Set.of(first, second),
                ids("Observation?subject=Patient/" + p + "&code:in=http://clinic.example/ValueSet/all-snomed"));
    }

    @Test
    void inLeavesOutExcludedConcepts() {
        create(valueSet("http://clinic.example/ValueSet/snomed-but-one", "\"compose\":{\"include\":[{\"system\":\""
                + SCT + "\"}],\"exclude\":[{\"system\":\"" + SCT + "\",\"concept\":[{\"code\":\"38341003\"}]}]}"));
        String p = patient();
        String kept = coded(p, SCT, "271649006");
        String excluded = coded(p, SCT, "38341003");

        assertEquals(Set.of(kept),
                ids("Observation?subject=Patient/" + p + "&code:in=http://clinic.example/ValueSet/snomed-but-one"));
        assertEquals(Set.of(excluded),
                ids("Observation?subject=Patient/" + p + "&code:not-in=http://clinic.example/ValueSet/snomed-but-one"));
    }

    static final String PROBLEMS = "http://clinic.example/CodeSystem/problems";

    /** disorder > diabetes > (type1 retired, type2), gestational under diabetes by a parent property; asthma. */
    static void problemsCodeSystem() {
        create("{\"resourceType\":\"CodeSystem\",\"url\":\"" + PROBLEMS + "\",\"status\":\"active\","
                + "\"content\":\"complete\",\"property\":[{\"code\":\"parent\",\"type\":\"code\"},"
                + "{\"code\":\"status\",\"type\":\"code\"}],\"concept\":[{\"code\":\"disorder\",\"concept\":["
                + "{\"code\":\"diabetes\",\"concept\":[{\"code\":\"type1\",\"property\":[{\"code\":\"status\","
                + "\"valueCode\":\"retired\"}]},{\"code\":\"type2\"}]},{\"code\":\"asthma\"}]},"
                + "{\"code\":\"gestational\",\"property\":[{\"code\":\"parent\",\"valueCode\":\"diabetes\"}]}]}");
    }

    static String filtered(String url, String include, String exclude) {
        return create(valueSet(url, "\"compose\":{\"include\":[{\"system\":\"" + PROBLEMS + "\",\"filter\":["
                + include + "]}]" + (exclude == null ? "" : ",\"exclude\":[{\"system\":\"" + PROBLEMS
                        + "\",\"filter\":[" + exclude + "]}]") + "}"));
    }

    static String filter(String property, String op, String value) {
        return "{\"property\":\"" + property + "\",\"op\":\"" + op + "\",\"value\":\"" + value + "\"}";
    }

    @Test
    void inSelectsCodesByFilterFromAStoredCodeSystem() {
        problemsCodeSystem();
        String p = patient();
        String diabetes = coded(p, PROBLEMS, "diabetes");
        String type1 = coded(p, PROBLEMS, "type1");
        String type2 = coded(p, PROBLEMS, "type2");
        String gestational = coded(p, PROBLEMS, "gestational");
        String asthma = coded(p, PROBLEMS, "asthma");
        String subject = "Observation?subject=Patient/" + p + "&code:";

        filtered("http://clinic.example/ValueSet/diabetes", filter("concept", "is-a", "diabetes"), null);
        assertEquals(Set.of(diabetes, type1, type2, gestational),
                ids(subject + "in=http://clinic.example/ValueSet/diabetes"), "the code, nested and parent-linked");
        filtered("http://clinic.example/ValueSet/current-diabetes", filter("concept", "descendent-of", "diabetes"),
                filter("status", "=", "retired"));
        assertEquals(Set.of(type2, gestational), ids(subject + "in=http://clinic.example/ValueSet/current-diabetes"));
        assertEquals(Set.of(diabetes, type1, asthma),
                ids(subject + "not-in=http://clinic.example/ValueSet/current-diabetes"));
        filtered("http://clinic.example/ValueSet/not-diabetes", filter("concept", "is-not-a", "diabetes") + ","
                + filter("concept", "not-in", "disorder"), null);
        assertEquals(Set.of(asthma), ids(subject + "in=http://clinic.example/ValueSet/not-diabetes"),
                "every filter holds");
        filtered("http://clinic.example/ValueSet/with-status", filter("status", "exists", "true"), null);
        assertEquals(Set.of(type1), ids(subject + "in=http://clinic.example/ValueSet/with-status"));
    }

    @Test
    void aFilterOnlyATerminologyServerCouldApplyIsABadRequest() {
        problemsCodeSystem();
        filtered("http://clinic.example/ValueSet/by-regex", filter("concept", "regex", "type.*"), null);
        refused("Observation?code:in=http://clinic.example/ValueSet/by-regex");
        create(valueSet("http://clinic.example/ValueSet/loinc-class", "\"compose\":{\"include\":[{\"system\":\""
                + LOINC + "\",\"filter\":[" + filter("CLASS", "=", "CHEM") + "]}]}"));
        refused("Observation?code:in=http://clinic.example/ValueSet/loinc-class");
        // nor does another tenant's CodeSystem stand in for one this tenant lacks
        String theirs = "http://clinic.example/CodeSystem/filtered-in-the-other-tenant";
        createIn(other, "{\"resourceType\":\"CodeSystem\",\"url\":\"" + theirs + "\",\"status\":\"active\","
                + "\"content\":\"complete\",\"concept\":[{\"code\":\"parent\",\"concept\":[{\"code\":\"child\"}]}]}");
        create(valueSet("http://clinic.example/ValueSet/theirs", "\"compose\":{\"include\":[{\"system\":\""
                + theirs + "\",\"filter\":[" + filter("concept", "is-a", "parent") + "]}]}"));
        refused("Observation?code:in=http://clinic.example/ValueSet/theirs");
    }

    // ---- Token :below / :above ------------------------------------------------------------------------------

    static final String CONDITIONS = "http://clinic.example/CodeSystem/conditions";

    static void conditionsCodeSystem() {
        create("{\"resourceType\":\"CodeSystem\",\"url\":\"" + CONDITIONS + "\",\"status\":\"active\","
                + "\"content\":\"complete\",\"concept\":[{\"code\":\"disorder\",\"concept\":["
                + "{\"code\":\"diabetes\",\"concept\":[{\"code\":\"type1\"},{\"code\":\"type2\"}]},"
                + "{\"code\":\"asthma\"}]}]}");
    }

    @Test
    void belowAndAboveFollowTheHierarchyOfAStoredCodeSystem() {
        conditionsCodeSystem();
        String p = patient();
        String diabetes = coded(p, CONDITIONS, "diabetes");
        String type1 = coded(p, CONDITIONS, "type1");
        String type2 = coded(p, CONDITIONS, "type2");
        coded(p, CONDITIONS, "asthma");

        assertEquals(Set.of(diabetes, type1, type2),
                ids("Observation?subject=Patient/" + p + "&code:below=" + CONDITIONS + "|diabetes"));
        assertEquals(Set.of(diabetes, type1),
                ids("Observation?subject=Patient/" + p + "&code:above=" + CONDITIONS + "|type1"));
    }

    @Test
    void belowWithAnUnknownCodeSystemOrCodeOrWithoutASystemIsABadRequest() {
        conditionsCodeSystem();
        refused("Observation?code:below=http://clinic.example/CodeSystem/nobody-wrote-this|x");
        refused("Observation?code:below=" + CONDITIONS + "|not-a-code");
        refused("Observation?code:above=diabetes");
    }

    @Test
    void aCodeSystemOfAnotherTenantIsUnknownHere() {
        String system = "http://clinic.example/CodeSystem/only-in-the-other-tenant";
        createIn(other, "{\"resourceType\":\"CodeSystem\",\"url\":\"" + system + "\",\"status\":\"active\","
                + "\"content\":\"complete\",\"concept\":[{\"code\":\"parent\",\"concept\":[{\"code\":\"child\"}]}]}");
        String them = createIn(other, "{\"resourceType\":\"Patient\"}");
        String theirs = createIn(other, observation(them, concept(system, "child"), ""));
        coded(patient(), system, "child");

        assertEquals(Set.of(theirs), idsIn(other, "Observation?code:below=" + system + "|parent"));
        refused("Observation?code:below=" + system + "|parent");
    }

    @Test
    void anUnknownValueSetIsABadRequest() {
        refused("Observation?code:in=http://clinic.example/ValueSet/nobody-wrote-this");
        refused("Observation?code:not-in=http://clinic.example/ValueSet/nobody-wrote-this");
    }

    @Test
    void aValueSetOfAnotherTenantIsUnknownHere() {
        String url = "http://clinic.example/ValueSet/only-in-the-other-tenant";
        createIn(other, valueSet(url, "\"compose\":{\"include\":[{\"system\":\"" + LOINC + "\",\"concept\":[{\"code\":\""
                + SYSTOLIC + "\"}]}]}"));
        String them = createIn(other, "{\"resourceType\":\"Patient\"}");
        String theirs = createIn(other, observation(them, concept(LOINC, SYSTOLIC), ""));
        createIn(other, observation(them, concept(LOINC, WEIGHT), ""));
        vital(patient(), SYSTOLIC, "120");

        assertEquals(Set.of(theirs), idsIn(other, "Observation?code:in=" + url));
        refused("Observation?code:in=" + url);
    }

    // ---- composites ------------------------------------------------------------------------------------------

    @Test
    void codeValueQuantityPairsTheCodeWithItsOwnValue() {
        String p = patient();
        String high = vital(p, SYSTOLIC, "140");
        vital(p, SYSTOLIC, "120");
        vital(p, DIASTOLIC, "140");

        assertEquals(Set.of(high), ids("Observation?subject=Patient/" + p + "&code-value-quantity=" + LOINC + "|"
                + SYSTOLIC + "$gt130"));
        assertEquals(Set.of(), ids("Observation?subject=Patient/" + p + "&code-value-quantity=" + LOINC + "|"
                + SYSTOLIC + "$gt150"));
    }

    @Test
    void compositeValuesSeparatedByCommasAreAlternatives() {
        String p = patient();
        String highSystolic = vital(p, SYSTOLIC, "140");
        String lowDiastolic = vital(p, DIASTOLIC, "50");
        vital(p, SYSTOLIC, "120");
        vital(p, DIASTOLIC, "80");

        assertEquals(Set.of(highSystolic, lowDiastolic), ids("Observation?subject=Patient/" + p
                + "&code-value-quantity=" + LOINC + "|" + SYSTOLIC + "$gt130," + LOINC + "|" + DIASTOLIC + "$lt60"));
    }

    @Test
    void componentCodeValueQuantityNeverPairsOneComponentsCodeWithAnothersValue() {
        String p = patient();
        String lowDiastolic = bloodPressure(p, "120", "55");
        String highSystolic = bloodPressure(p, "150", "90");

        String search = "Observation?subject=Patient/" + p + "&component-code-value-quantity=" + LOINC + "|";
        assertEquals(Set.of(), ids(search + SYSTOLIC + "$lt60"));
        assertEquals(Set.of(lowDiastolic), ids(search + DIASTOLIC + "$lt60"));
        assertEquals(Set.of(highSystolic), ids(search + SYSTOLIC + "$gt140"));
    }

    @Test
    void comboCodeValueQuantityMatchesOwnValuesAndComponents() {
        String p = patient();
        String single = vital(p, SYSTOLIC, "140");
        String panel = bloodPressure(p, "150", "90");
        bloodPressure(p, "120", "55");

        String search = "Observation?subject=Patient/" + p + "&combo-code-value-quantity=" + LOINC + "|";
        assertEquals(Set.of(single, panel), ids(search + SYSTOLIC + "$gt130"));
        // the panel's own code has no value of its own: it must not borrow a component's
        assertEquals(Set.of(), ids(search + "85354-9$lt60"));
    }

    @Test
    void comboParametersSearchTheObservationAndItsComponents() {
        String p = patient();
        String single = vital(p, SYSTOLIC, "140");
        String panel = bloodPressure(p, "110", "70");
        String weight = coded(p, LOINC, WEIGHT);
        String subject = "Observation?subject=Patient/" + p;

        assertEquals(Set.of(single, panel), ids(subject + "&combo-code=" + LOINC + "|" + SYSTOLIC));
        assertEquals(Set.of(panel), ids(subject + "&combo-code=" + LOINC + "|" + DIASTOLIC));
        assertEquals(Set.of(weight), ids(subject + "&combo-code:not=" + LOINC + "|" + SYSTOLIC),
                "neither the Observation's code nor a component's");
        assertEquals(Set.of(single, panel), ids(subject + "&combo-value-quantity=gt100"));
        assertEquals(Set.of(panel), ids(subject + "&combo-value-quantity=lt100"), "the diastolic component");
        assertEquals(Set.of(weight), ids(subject + "&combo-value-quantity:missing=true"));
        assertEquals(Set.of(single, panel), ids(subject + "&combo-value-quantity:missing=false"));
        assertEquals(List.of(panel, single), providerOf(tenant).urlEncodingEnabled(false)
                .get(encoded(api + "/" + subject + "&combo-value-quantity:missing=false&_sort=combo-value-quantity"))
                .then().statusCode(200).extract().jsonPath().getList("entry.resource.id", String.class),
                "sorted by the lowest value of either: 70 before 140");
    }

    @Test
    void codeValueConceptPairsTwoTokens() {
        String p = patient();
        String smoker = create(observation(p, concept(LOINC, "72166-2"), "\"valueCodeableConcept\":"
                + concept(SCT, "449868002")));
        create(observation(p, concept(LOINC, "72166-2"), "\"valueCodeableConcept\":" + concept(SCT, "8517006")));
        create(observation(p, concept(LOINC, "11367-0"), "\"valueCodeableConcept\":" + concept(SCT, "449868002")));

        assertEquals(Set.of(smoker), ids("Observation?subject=Patient/" + p + "&code-value-concept=" + LOINC
                + "|72166-2$" + SCT + "|449868002"));
        assertEquals(Set.of(smoker), ids("Observation?subject=Patient/" + p + "&code-value-concept=72166-2$449868002"));
    }

    @Test
    void codeValueDateTakesADateWithAPrefix() {
        String p = patient();
        String recent = create(observation(p, concept(LOINC, "11778-8"), "\"valueDateTime\":\"2021-06-01\""));
        String old = create(observation(p, concept(LOINC, "11778-8"), "\"valueDateTime\":\"2019-05-05\""));
        create(observation(p, concept(LOINC, "21112-8"), "\"valueDateTime\":\"2022-02-02\""));

        String search = "Observation?subject=Patient/" + p + "&code-value-date=" + LOINC + "|11778-8$";
        assertEquals(Set.of(recent), ids(search + "ge2020-01-01"));
        assertEquals(Set.of(old), ids(search + "lt2020-01-01"));
        assertEquals(Set.of(recent), ids(search + "2021-06"));
    }

    @Test
    void codeValueStringSearchesTheStringLikeAStringParameter() {
        String p = patient();
        String positive = create(observation(p, concept(LOINC, "80382-5"), "\"valueString\":\"Positive for influenza A\""));
        create(observation(p, concept(LOINC, "80382-5"), "\"valueString\":\"Negative\""));
        create(observation(p, concept(LOINC, "80383-3"), "\"valueString\":\"Positive\""));

        assertEquals(Set.of(positive), ids("Observation?subject=Patient/" + p + "&code-value-string=" + LOINC
                + "|80382-5$positive"));
    }

    @Test
    void groupCharacteristicValuePairsEachCharacteristicWithItsValue() {
        String women = group(characteristic("263495000", "female"));
        group(characteristic("263495000", "male"));
        // gender male, and "female" under another characteristic: no single characteristic is gender=female
        group(characteristic("263495000", "male"), characteristic("734000001", "female"));

        assertEquals(Set.of(women), ids("Group?characteristic-value=" + SCT + "|263495000$"
                + "http://hl7.org/fhir/administrative-gender|female"));
    }

    @Test
    void aCompositeValueWithTheWrongNumberOfPartsIsABadRequest() {
        refused("Observation?code-value-quantity=" + LOINC + "|" + SYSTOLIC);
        refused("Observation?code-value-quantity=" + LOINC + "|" + SYSTOLIC + "$gt1$gt2");
        refused("Group?characteristic-value=" + SCT + "|263495000");
    }

    @Test
    void aPatientsCompositeSearchStaysInTheirCompartment() {
        String me = patient();
        String someoneElse = patient();
        String mine = vital(me, SYSTOLIC, "140");
        vital(me, SYSTOLIC, "120");
        vital(someoneElse, SYSTOLIC, "140");

        RequestSpecification asMe = given().auth().oauth2(TestTokens.patient(tenant, me, "patient/*.rs"));
        assertEquals(Set.of(mine), matches(asMe, "/tenant/" + tenant + "/patient/smart-api/Observation"
                + "?code-value-quantity=" + LOINC + "|" + SYSTOLIC + "$gt130"));
    }

    // ---- conformance -----------------------------------------------------------------------------------------

    @Test
    void capabilityStatementListsCompositeParameters() {
        JsonPath cs = given().get(api + "/metadata").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("composite"), cs.getList("rest[0].resource.find { it.type == 'Observation' }"
                + ".searchParam.findAll { it.name == 'code-value-quantity' }.type", String.class));
        assertEquals(List.of("composite"), cs.getList("rest[0].resource.find { it.type == 'Group' }"
                + ".searchParam.findAll { it.name == 'characteristic-value' }.type", String.class));
    }
}
