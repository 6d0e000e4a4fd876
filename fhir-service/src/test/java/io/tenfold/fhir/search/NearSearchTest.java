package io.tenfold.fhir.search;

import static io.tenfold.fhir.search.ModifiersAndCompositesTest.createIn;
import static io.tenfold.fhir.search.ModifiersAndCompositesTest.idsIn;
import static io.tenfold.fhir.search.ModifiersAndCompositesTest.providerOf;
import static io.tenfold.fhir.search.ModifiersAndCompositesTest.encoded;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.fhir.support.TestTenants;

/**
 * {@code Location?near=latitude|longitude|distance|units} (https://hl7.org/fhir/R4/location.html#positional): what
 * lies within the distance on the Earth's surface, across the antimeridian and the poles too. Distances between the
 * cities below are great-circle distances (Berlin–Potsdam 27.2 km, Berlin–Hamburg 255 km).
 */
@QuarkusTest
class NearSearchTest {

    static String tenant;
    static String other;
    static String berlin;
    static String potsdam;
    static String hamburg;
    static String nowhere;
    static String eastOfTheDateLine;
    static String nearThePole;

    @BeforeEach
    void locations() {
        if (tenant != null) {
            return;
        }
        other = TestTenants.create("near-o");
        tenant = TestTenants.create("near");
        berlin = location("Berlin", 52.5200, 13.4050);
        potsdam = location("Potsdam", 52.3906, 13.0645);
        hamburg = location("Hamburg", 53.5511, 9.9937);
        nowhere = createIn(tenant, "{\"resourceType\":\"Location\",\"name\":\"Mobile unit\"}");
        eastOfTheDateLine = location("Taveuni", -16.80, 179.95);
        nearThePole = location("Station", 89.95, 0.0);
        createIn(other, position("Berlin of another tenant", 52.5200, 13.4050));
    }

    static String location(String name, double latitude, double longitude) {
        return createIn(tenant, position(name, latitude, longitude));
    }

    static String position(String name, double latitude, double longitude) {
        return "{\"resourceType\":\"Location\",\"name\":\"" + name + "\",\"position\":{\"latitude\":" + latitude
                + ",\"longitude\":" + longitude + "}}";
    }

    static Set<String> near(String value) {
        return idsIn(tenant, "Location?near=" + value);
    }

    @Test
    void aDistanceInKilometresFindsWhatLiesWithinIt() {
        assertEquals(Set.of(berlin), near("52.52|13.405|10|km"));
        assertEquals(Set.of(berlin, potsdam), near("52.52|13.405|30|km"));
        assertEquals(Set.of(berlin, potsdam), near("52.52|13.405|30"), "kilometres when no units are given");
        assertEquals(Set.of(berlin, potsdam, hamburg), near("52.52|13.405|260|km"));
        assertEquals(Set.of(potsdam), near("52.3906|13.0645|26|km"), "Berlin is 27.2 km away");
    }

    @Test
    void metresAndMilesAreConverted() {
        assertEquals(Set.of(berlin, potsdam), near("52.52|13.405|28000|m"));
        assertEquals(Set.of(berlin), near("52.52|13.405|27000|m"));
        assertEquals(Set.of(berlin, potsdam), near("52.52|13.405|17|[mi_i]"), "17 miles are 27.4 km");
        assertEquals(Set.of(berlin), near("52.52|13.405|16|[mi_i]"), "16 miles are 25.7 km");
    }

    @Test
    void withoutADistanceOnlyTheExactPositionMatches() {
        assertEquals(Set.of(berlin), near("52.52|13.405"));
        assertEquals(Set.of(), near("52.52|13.406"));
    }

    @Test
    void theAntimeridianAndThePolesAreNoBorders() {
        assertEquals(Set.of(eastOfTheDateLine), near("-16.80|-179.95|15|km"), "0.1° of longitude: 10.6 km");
        assertEquals(Set.of(nearThePole), near("89.95|180|15|km"), "0.1° across the pole: 11.1 km");
        assertEquals(Set.of(), near("89.95|180|10|km"));
    }

    @Test
    void severalValuesAreAlternatives() {
        assertEquals(Set.of(berlin, hamburg), near("52.52|13.405|1|km,53.5511|9.9937|1|km"));
    }

    @Test
    void missingFindsLocationsWithoutAPosition() {
        assertEquals(Set.of(nowhere), idsIn(tenant, "Location?near:missing=true"));
        assertEquals(Set.of(berlin, potsdam, hamburg, eastOfTheDateLine, nearThePole),
                idsIn(tenant, "Location?near:missing=false"));
    }

    @Test
    void aChainReachesLocationsNearby() {
        String encounter = createIn(tenant, "{\"resourceType\":\"Encounter\",\"status\":\"finished\",\"class\":"
                + "{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},"
                + "\"location\":[{\"location\":{\"reference\":\"Location/" + potsdam + "\"}}]}");
        assertEquals(Set.of(encounter), idsIn(tenant, "Encounter?location.near=52.39|13.06|1|km"));
        assertEquals(Set.of(), idsIn(tenant, "Encounter?location.near=52.52|13.405|1|km"));
    }

    @Test
    void anotherTenantsLocationsAreNeverFound() {
        assertEquals(Set.of(berlin), near("52.52|13.405|1|km"));
        assertEquals(1, idsIn(other, "Location?near=52.52|13.405|1|km").size());
    }

    @Test
    void malformedValuesAreBadRequests() {
        for (String value : new String[] { "95|13|1|km", "52|200|1|km", "abc|13", "52", "52|13|1|furlong",
                "52|13|-1|km", "52|13|1|km|x", "52|13|far|km", "52|13|1e400|km" }) {
            providerOf(tenant).urlEncodingEnabled(false)
                    .get(encoded("/tenant/" + tenant + "/provider/smart-api/Location?near=" + value)).then().log()
                    .ifValidationFails().statusCode(400).body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].diagnostics", containsString("near"));
        }
    }

    @Test
    void nearCannotBeSortedByAndTakesNoModifier() {
        providerOf(tenant).header("Prefer", "handling=strict").urlEncodingEnabled(false)
                .get(encoded("/tenant/" + tenant + "/provider/smart-api/Location?near:exact=52|13|1|km")).then()
                .statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        providerOf(tenant).urlEncodingEnabled(false)
                .get("/tenant/" + tenant + "/provider/smart-api/Location?_sort=near").then()
                .statusCode(400).body("resourceType", equalTo("OperationOutcome"));
    }
}
