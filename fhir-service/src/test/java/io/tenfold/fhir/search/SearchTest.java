package io.tenfold.fhir.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.TestTokens;

/** Search over the write-time indexes: every parameter type, modifiers, prefixes, chains, includes, paging. */
@QuarkusTest
class SearchTest {

    static String tenant;
    static String api;
    /** For the tests that add data of their own, so that the others' expectations stay exact. */
    static String other;
    static String otherApi;
    static String renee;
    static String bob;
    static String practitioner;
    static String reneeA1c;
    static String reneeWeight;
    static String bobA1c;

    @BeforeEach
    void data() {
        if (tenant != null) {
            return;
        }
        other = TestTenants.create("search-o");
        otherApi = "/tenant/" + other + "/provider/smart-api";
        tenant = TestTenants.create("search");
        api = "/tenant/" + tenant + "/provider/smart-api";
        practitioner = create("Practitioner", "{\"resourceType\":\"Practitioner\",\"name\":[{\"family\":\"House\"}]}");
        renee = create("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Lefèvre\",\"given\":[\"Renée\"]}],"
                + "\"gender\":\"female\",\"birthDate\":\"1970-03-04\",\"identifier\":[{\"system\":\"urn:mrn\",\"value\":\"111\"}],"
                + "\"generalPractitioner\":[{\"reference\":\"Practitioner/" + practitioner + "\"}]}");
        bob = create("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Builder\",\"given\":[\"Bob\"]}],"
                + "\"gender\":\"male\",\"birthDate\":\"1985\",\"identifier\":[{\"system\":\"urn:mrn\",\"value\":\"222\"}]}");
        reneeA1c = create("Observation", observation(renee, "4548-4", "2021-05-01T10:00:00Z", "6.1", "%"));
        reneeWeight = create("Observation", observation(renee, "29463-7", "2022-01-15", "70.5", "kg"));
        bobA1c = create("Observation", observation(bob, "4548-4", "2020-02-02", "7.9", "%"));
    }

    static String observation(String patient, String loinc, String when, String value, String unit) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\",\"display\":\"Test "
                + loinc + "\"}]},\"subject\":{\"reference\":\"Patient/" + patient + "\"},\"effectiveDateTime\":\"" + when
                + "\",\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"" + unit + "\",\"system\":"
                + "\"http://unitsofmeasure.org\",\"code\":\"" + unit + "\"}}";
    }

    static RequestSpecification provider() {
        return providerOf(tenant);
    }

    static RequestSpecification providerOf(String t) {
        return given().auth().oauth2(TestTokens.provider(t, "user/*.cruds"))
                .contentType("application/fhir+json; charset=UTF-8");
    }

    static String create(String type, String body) {
        return createIn(tenant, type, body);
    }

    static String createIn(String t, String type, String body) {
        return providerOf(t).body(body).post("/tenant/" + t + "/provider/smart-api/" + type).then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    static List<String> ids(String pathAndQuery) {
        // the query is sent as written (already URL-encoded where it must be)
        JsonPath json = provider().urlEncodingEnabled(false).get(api + "/" + pathAndQuery.replace("|", "%7C")).then().statusCode(200)
                .body("resourceType", equalTo("Bundle")).body("type", equalTo("searchset")).extract().jsonPath();
        return json.getList("entry.findAll { it.search.mode == 'match' }.resource.id");
    }

    @Test
    void tokenSearchWithAndWithoutSystem() {
        assertEquals(Set.of(reneeA1c, bobA1c), Set.copyOf(ids("Observation?code=http://loinc.org|4548-4")));
        assertEquals(Set.of(reneeA1c, bobA1c), Set.copyOf(ids("Observation?code=4548-4")));
        assertEquals(List.of(), ids("Observation?code=http://snomed.info/sct|4548-4"));
        assertEquals(Set.of(renee), Set.copyOf(ids("Patient?gender=female")));
        assertEquals(Set.of(bob), Set.copyOf(ids("Patient?identifier=urn:mrn|222")));
        assertEquals(Set.of(reneeWeight), Set.copyOf(ids("Observation?code:text=test%202946")));
        assertTrue(ids("Observation?code:not=4548-4").contains(reneeWeight));
        assertTrue(!ids("Observation?code:not=4548-4").contains(reneeA1c));
    }

    @Test
    void theBenchmarkSearchCombinesReferenceAndToken() {
        assertEquals(List.of(reneeA1c), ids("Observation?subject=Patient/" + renee + "&code=http://loinc.org|4548-4"));
        assertEquals(Set.of(reneeA1c, reneeWeight), Set.copyOf(ids("Observation?patient=" + renee)));
        assertEquals(Set.of(reneeA1c, reneeWeight), Set.copyOf(ids("Observation?subject:Patient=" + renee)));
        assertEquals(Set.of(reneeA1c, reneeWeight), Set.copyOf(ids("Observation?subject="
                + TestTokens.fhirBase(tenant, "provider") + "/Patient/" + renee)));
        assertEquals(Set.of(reneeA1c, reneeWeight, bobA1c),
                Set.copyOf(ids("Observation?subject=Patient/" + renee + ",Patient/" + bob)));
    }

    @Test
    void stringSearchIgnoresCaseAndAccentsAndMatchesPrefixes() {
        assertEquals(List.of(renee), ids("Patient?name=ren"));
        assertEquals(List.of(renee), ids("Patient?name=LEFEV"));
        assertEquals(List.of(renee), ids("Patient?family:exact=Lefèvre"));
        assertEquals(List.of(), ids("Patient?family:exact=lefevre"));
        assertEquals(List.of(renee), ids("Patient?name:contains=fev"));
        assertEquals(List.of(), ids("Patient?name=%25"));
    }

    @Test
    void dateSearchHonoursPrecisionAndPrefixes() {
        assertEquals(List.of(renee), ids("Patient?birthdate=1970"));
        assertEquals(List.of(renee), ids("Patient?birthdate=1970-03-04"));
        assertEquals(List.of(), ids("Patient?birthdate=1970-03-05"));
        assertEquals(List.of(bob), ids("Patient?birthdate=gt1980"));
        assertEquals(List.of(renee), ids("Patient?birthdate=lt1980-01-01"));
        assertEquals(Set.of(reneeA1c, reneeWeight), Set.copyOf(ids("Observation?date=ge2021-01-01")));
        assertEquals(List.of(reneeA1c), ids("Observation?date=ge2021-01-01&date=lt2022"));
        provider().get(api + "/Patient?birthdate=yesterday").then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void quantitySearchComparesValuesAndUnits() {
        assertEquals(List.of(bobA1c), ids("Observation?value-quantity=gt7|http://unitsofmeasure.org|%25"));
        assertEquals(List.of(reneeA1c), ids("Observation?value-quantity=6.1||%25"));
        assertEquals(List.of(reneeWeight), ids("Observation?value-quantity=ge70|http://unitsofmeasure.org|kg"));
        assertEquals(List.of(), ids("Observation?value-quantity=gt100"));
    }

    @Test
    void idLastUpdatedAndMissing() {
        assertEquals(List.of(bob), ids("Patient?_id=" + bob));
        assertEquals(Set.of(renee, bob), Set.copyOf(ids("Patient?_id=" + bob + "," + renee)));
        assertEquals(Set.of(renee, bob), Set.copyOf(ids("Patient?_lastUpdated=gt2020-01-01")));
        assertEquals(List.of(), ids("Patient?_lastUpdated=lt2020-01-01"));
        assertEquals(List.of(bob), ids("Patient?general-practitioner:missing=true"));
        assertEquals(List.of(renee), ids("Patient?general-practitioner:missing=false"));
    }

    @Test
    void chainsAndReverseChains() {
        assertEquals(Set.of(reneeA1c, reneeWeight), Set.copyOf(ids("Observation?subject.name=renee")));
        assertEquals(List.of(bobA1c), ids("Observation?subject:Patient.identifier=urn:mrn|222"));
        assertEquals(Set.of(reneeA1c, reneeWeight),
                Set.copyOf(ids("Observation?subject:Patient.general-practitioner.name=house")));
        assertEquals(List.of(bob), ids("Patient?_has:Observation:patient:value-quantity=gt7||%25"));
        assertEquals(Set.of(renee, bob), Set.copyOf(ids("Patient?_has:Observation:patient:code=4548-4")));
    }

    @Test
    void includeAndRevinclude() {
        JsonPath included = provider().get(api + "/Observation?_id=" + reneeA1c + "&_include=Observation:subject")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(renee), included.getList("entry.findAll { it.search.mode == 'include' }.resource.id"));
        JsonPath rev = provider().get(api + "/Patient?_id=" + renee + "&_revinclude=Observation:subject")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of(reneeA1c, reneeWeight),
                Set.copyOf(rev.getList("entry.findAll { it.search.mode == 'include' }.resource.id")));
        JsonPath iterate = provider().get(api + "/Observation?_id=" + reneeA1c + "&_include=Observation:subject"
                + "&_include:iterate=Patient:general-practitioner").then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of(renee, practitioner),
                Set.copyOf(iterate.getList("entry.findAll { it.search.mode == 'include' }.resource.id")));
    }

    @Test
    void sortCountTotalAndStablePaging() {
        provider().get(api + "/Observation?_sort=-date&_total=accurate").then().statusCode(200)
                .body("total", equalTo(3))
                .body("entry.resource.id", equalTo(List.of(reneeWeight, reneeA1c, bobA1c)));
        provider().get(api + "/Observation?_sort=date").then()
                .body("entry.resource.id", equalTo(List.of(bobA1c, reneeA1c, reneeWeight)));
        provider().get(api + "/Observation?_summary=count").then().statusCode(200).body("total", equalTo(3))
                .body("entry", nullValue());

        String tag = "page-" + System.nanoTime();
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            before.add(createIn(other, "Patient", "{\"resourceType\":\"Patient\",\"meta\":{\"tag\":[{\"system\":\"urn:t\",\"code\":\""
                    + tag + "\"}]}}"));
        }
        JsonPath first = providerOf(other).get(otherApi + "/Patient?_tag=urn:t|" + tag + "&_count=2").then().statusCode(200)
                .extract().jsonPath();
        List<String> seen = new ArrayList<>(first.getList("entry.resource.id"));
        String next = first.getString("link.find { it.relation == 'next' }.url");
        // a write between pages must neither shift nor repeat entries; the new resource itself may or may not be
        // on a later page (its place in the paging order comes from a sequence whose values each connection caches)
        String during = createIn(other, "Patient", "{\"resourceType\":\"Patient\",\"meta\":{\"tag\":[{\"system\":\"urn:t\",\"code\":\""
                + tag + "\"}]}}");
        while (next != null) {
            String path = next.substring(next.indexOf("/tenant/"));
            JsonPath page = providerOf(other).get(path.replace("http://tenfold.test", "")).then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("entry.resource.id"));
            next = page.getString("link.find { it.relation == 'next' }.url");
        }
        assertEquals(seen.size(), new HashSet<>(seen).size(), "an entry was served twice: " + seen);
        Set<String> served = new HashSet<>(seen);
        served.remove(during);
        assertEquals(before, served);
    }

    @Test
    void sortedPagesNeitherRepeatNorSkipWhileOthersWrite() {
        String tag = "sorted-" + System.nanoTime();
        String b2001 = createIn(other, "Patient", tagged(tag, "\"birthDate\":\"2001-05-01\",\"name\":[{\"family\":\"b\"}]"));
        String a2001 = createIn(other, "Patient", tagged(tag, "\"birthDate\":\"2001-05-01\",\"name\":[{\"family\":\"a\"}]"));
        String cNone = createIn(other, "Patient", tagged(tag, "\"name\":[{\"family\":\"c\"}]"));
        String d1999 = createIn(other, "Patient", tagged(tag, "\"birthDate\":\"1999\",\"name\":[{\"family\":\"d\"}]"));
        String eNone = createIn(other, "Patient", tagged(tag, "\"name\":[{\"family\":\"e\"}]"));
        String query = otherApi + "/Patient?_tag=urn:t|" + tag + "&_sort=-birthdate,family&_count=2";
        JsonPath first = providerOf(other).get(query).then().statusCode(200).extract().jsonPath();
        List<String> seen = new ArrayList<>(first.getList("entry.resource.id"));
        assertEquals(List.of(a2001, b2001), seen);
        // with offset pages, each of these would shift the rest by one and serve an entry twice
        Set<String> during = Set.of(
                createIn(other, "Patient", tagged(tag, "\"birthDate\":\"2003\",\"name\":[{\"family\":\"x\"}]")),
                createIn(other, "Patient", tagged(tag, "\"birthDate\":\"2001-05-01\",\"name\":[{\"family\":\"aa\"}]")));
        String next = first.getString("link.find { it.relation == 'next' }.url");
        while (next != null) {
            JsonPath page = providerOf(other).get(next.substring(next.indexOf("/tenant/"))).then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("entry.resource.id"));
            next = page.getString("link.find { it.relation == 'next' }.url");
        }
        // dates descending, missing ones last, ties by family
        assertEquals(List.of(a2001, b2001, d1999, cNone, eNone),
                seen.stream().filter(id -> !during.contains(id)).toList());
        assertEquals(seen.size(), new HashSet<>(seen).size(), "an entry was served twice: " + seen);
    }

    @Test
    void openPeriodsAndQuantitiesPageInSortOrder() {
        String code = "sorted-" + System.nanoTime();
        String ongoing = createIn(other, "Observation", sortable(code, "\"effectivePeriod\":{\"start\":\"2020-01-01\"}", "5.25"));
        String recent = createIn(other, "Observation", sortable(code, "\"effectiveDateTime\":\"2021-06-01\"", "-1"));
        String old = createIn(other, "Observation", sortable(code, "\"effectiveDateTime\":\"2019\"", "5.5"));
        assertEquals(List.of(ongoing, recent, old), pagedIds(otherApi + "/Observation?code=urn:t|" + code + "&_sort=-date&_count=1"));
        assertEquals(List.of(recent, ongoing, old),
                pagedIds(otherApi + "/Observation?code=urn:t|" + code + "&_sort=value-quantity&_count=1"));
    }

    @Test
    void pagesSortedByAColumnFollowItToo() {
        String tag = "by-id-" + System.nanoTime();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createIn(other, "Patient", tagged(tag, "\"gender\":\"other\"")));
        }
        List<String> ascending = created.stream().sorted().toList();
        assertEquals(ascending, pagedIds(otherApi + "/Patient?_tag=urn:t|" + tag + "&_sort=_id&_count=1"));
        List<String> descending = new ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        assertEquals(descending, pagedIds(otherApi + "/Patient?_tag=urn:t|" + tag + "&_sort=-_id&_count=2"));
    }

    private static String sortable(String code, String effective, String value) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"urn:t\","
                + "\"code\":\"" + code + "\"}]}," + effective + ",\"valueQuantity\":{\"value\":" + value + "}}";
    }

    private static List<String> pagedIds(String query) {
        List<String> ids = new ArrayList<>();
        String next = query;
        while (next != null) {
            JsonPath page = providerOf(other).get(next.substring(next.indexOf("/tenant/"))).then().statusCode(200)
                    .extract().jsonPath();
            ids.addAll(page.getList("entry.resource.id"));
            next = page.getString("link.find { it.relation == 'next' }.url");
        }
        return ids;
    }

    @Test
    void aSortedPageLinkOfAnotherSortIsRefused() {
        String tag = "resorted-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            createIn(other, "Patient", tagged(tag, "\"birthDate\":\"200" + i + "\""));
        }
        String next = providerOf(other).get(otherApi + "/Patient?_tag=urn:t|" + tag + "&_sort=birthdate&_count=1")
                .then().statusCode(200).extract().path("link.find { it.relation == 'next' }.url");
        String page = next.substring(next.indexOf("_page=") + "_page=".length()).replaceAll("&.*", "");
        providerOf(other).get(otherApi + "/Patient?_tag=urn:t|" + tag + "&_sort=birthdate,family&_count=1&_page=" + page)
                .then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        providerOf(other).get(otherApi + "/Patient?_tag=urn:t|" + tag + "&_count=1&_page=" + page)
                .then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        String tampered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "k\u001f1\u001f=not-a-date".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        providerOf(other).get(otherApi + "/Patient?_sort=birthdate&_page=" + tampered)
                .then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
    }

    private static String tagged(String tag, String fields) {
        return "{\"resourceType\":\"Patient\",\"meta\":{\"tag\":[{\"system\":\"urn:t\",\"code\":\"" + tag + "\"}]},"
                + fields + "}";
    }

    @Test
    void elementsAndSummaryShrinkTheResources() {
        provider().get(api + "/Patient?_id=" + renee + "&_elements=gender").then().statusCode(200)
                .body("entry[0].resource.gender", equalTo("female"))
                .body("entry[0].resource.name", nullValue())
                .body("entry[0].resource.meta.tag.code", hasItem("SUBSETTED"));
        provider().get(api + "/Patient?_id=" + renee + "&_summary=true").then().statusCode(200)
                .body("entry[0].resource.birthDate", equalTo("1970-03-04"))
                .body("entry[0].resource.meta.tag.code", hasItem("SUBSETTED"));
    }

    @Test
    void unknownParametersAreIgnoredUnlessStrict() {
        provider().get(api + "/Patient?colour=blue&_id=" + bob).then().statusCode(200)
                .body("entry.findAll { it.search.mode == 'match' }.resource.id", equalTo(List.of(bob)))
                .body("entry.find { it.search.mode == 'outcome' }.resource.issue[0].diagnostics",
                        containsString("colour"));
        provider().header("Prefer", "handling=strict").get(api + "/Patient?colour=blue").then().statusCode(400)
                .body("issue[0].diagnostics", containsString("colour"));
        provider().get(api + "/Patient?_sort=colour").then().statusCode(400);
        provider().get(api + "/Patient?_count=abc").then().statusCode(400);
        provider().get(api + "/Patient?_page=garbage").then().statusCode(400);
        String tampered = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("s\u001fnot-a-number".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        provider().get(api + "/Patient?_page=" + tampered).then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
        provider().get(api + "/Patient/_history?_page=" + tampered).then().statusCode(400);
        provider().header("Prefer", "handling=strict").get(api + "/Observation?subject:=x").then().statusCode(400);
    }

    @Test
    void searchByPostTakesAForm() {
        given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/x-www-form-urlencoded")
                .formParam("code", "4548-4").formParam("subject", "Patient/" + bob)
                .post(api + "/Observation/_search").then().statusCode(200)
                .body("entry.resource.id", equalTo(List.of(bobA1c)));
    }

    @Test
    void valuesAreParametersNotSql() {
        assertEquals(List.of(), ids("Patient?name=x'%20OR%20'1'='1"));
        assertEquals(List.of(), ids("Patient?_id=x')%20OR%20TRUE%20--"));
        provider().urlEncodingEnabled(false).get(api + "/Patient?_sort=name;DROP%20TABLE%20fhir.resources").then().statusCode(400);
        assertTrue(ids("Patient?_id=" + bob).contains(bob));
    }

    @Test
    void patientTokensSearchOnlyTheirCompartment() {
        var patient = given().auth().oauth2(TestTokens.patient(tenant, renee, "patient/*.rs"));
        patient.get("/tenant/" + tenant + "/patient/smart-api/Observation").then().statusCode(200)
                .body("entry.resource.id", containsInAnyOrder(reneeA1c, reneeWeight));
        given().auth().oauth2(TestTokens.patient(tenant, renee, "patient/*.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Observation?subject=Patient/" + bob).then()
                .statusCode(200).body("entry", nullValue());
        given().auth().oauth2(TestTokens.patient(tenant, renee, "patient/*.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Patient").then().statusCode(200)
                .body("entry.resource.id", equalTo(List.of(renee)));
        given().auth().oauth2(TestTokens.patient(tenant, renee, "patient/*.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Patient?_id=" + bob + "&_revinclude=Observation:subject")
                .then().statusCode(200).body("entry", nullValue());
        given().auth().oauth2(TestTokens.patient(tenant, renee, "patient/*.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Observation?_include=Observation:subject"
                        + "&_revinclude:iterate=Observation:subject").then().statusCode(200)
                .body("entry.resource.id", not(hasItem(bob)))
                .body("entry.resource.id", not(hasItem(bobA1c)));
        given().auth().oauth2(TestTokens.patient(tenant, renee, "patient/*.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Patient?_has:Observation:patient:code=4548-4&_id=" + bob)
                .then().statusCode(200).body("entry", nullValue());
        // a Practitioner is nobody's patient data: patient/Practitioner.rs reads the clinic's practitioners
        given().auth().oauth2(TestTokens.patient(tenant, renee, "patient/*.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Practitioner?name=house").then().statusCode(200)
                .body("entry.resource.id", equalTo(List.of(practitioner)));
        given().auth().oauth2(TestTokens.patient(tenant, renee, "patient/Patient.rs"))
                .get("/tenant/" + tenant + "/patient/smart-api/Observation").then().statusCode(403);
    }

    @Test
    void scopeRestrictionsNarrowTheSearch() {
        String carol = createIn(other, "Patient", "{\"resourceType\":\"Patient\"}");
        createIn(other, "Observation", observation(carol, "4548-4", "2023-01-01", "6.0", "%"));
        String vital = createIn(other, "Observation", observation(carol, "8867-4", "2023-01-01", "60", "/min")
                .replace("laboratory", "vital-signs"));
        given().auth().oauth2(TestTokens.providerWithPatient(other, carol,
                "user/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs"))
                .get(otherApi + "/Observation?patient=" + carol).then().statusCode(200)
                .body("entry.resource.id", equalTo(List.of(vital)))
                .body("entry.resource.category.coding.code.flatten()", everyItem(equalTo("vital-signs")));
    }

    @Test
    void accessPoliciesHoldForIncludedAndChainedTypes() {
        String doc = createIn(other, "Practitioner", "{\"resourceType\":\"Practitioner\",\"name\":[{\"family\":\"Who\"}]}");
        String pat = createIn(other, "Patient", "{\"resourceType\":\"Patient\",\"generalPractitioner\":[{\"reference\":"
                + "\"Practitioner/" + doc + "\"}]}");
        providerOf(other).get(otherApi + "/Patient?_id=" + pat + "&_include=Patient:general-practitioner").then()
                .statusCode(200).body("entry.resource.id", hasItem(doc));
        TestTenants.policy(other, new io.tenfold.commons.event.AccessPolicyState("no-practitioners", other, "rules",
                List.of(new io.tenfold.commons.event.AccessPolicyState.Link("Client", "app")),
                List.of(new io.tenfold.commons.event.AccessPolicyState.Rule(List.of("Practitioner"),
                        List.of("read", "search"), "Deny")), 1));
        providerOf(other).get(otherApi + "/Patient?_id=" + pat + "&_include=Patient:general-practitioner").then()
                .statusCode(200).body("entry.resource.id", equalTo(List.of(pat)));
        providerOf(other).get(otherApi + "/Patient?general-practitioner.name=who").then().statusCode(403);
    }
}
