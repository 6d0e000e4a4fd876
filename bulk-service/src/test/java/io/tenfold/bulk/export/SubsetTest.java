package io.tenfold.bulk.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class SubsetTest {

    private static final String REQUEST = new JsonObject().put("resourceType", "MedicationRequest").put("id", "m")
            .put("meta", new JsonObject().put("versionId", "3"))
            .put("status", "stopped").put("statusReason", new JsonObject().put("text", "allergy"))
            .put("medicationCodeableConcept", new JsonObject().put("text", "aspirin"))
            .put("medicationReference", new JsonObject().put("reference", "Medication/a"))
            .put("subject", new JsonObject().put("reference", "Patient/p")).encode();

    @Test
    void aChoiceElementIsKeptByItsBaseNameButALongerElementIsNot() {
        JsonObject kept = new JsonObject(Subset.of("MedicationRequest", new String[] {"status", "medication"})
                .apply(REQUEST));
        assertEquals(Set.of("resourceType", "id", "meta", "status", "medicationCodeableConcept",
                "medicationReference"), kept.fieldNames());
        assertEquals("3", kept.getJsonObject("meta").getString("versionId"));
    }

    @Test
    void elementsOfAnotherTypeDoNotApply() {
        JsonObject kept = new JsonObject(Subset.of("MedicationRequest", new String[] {"Patient.status", "subject"})
                .apply(REQUEST));
        assertEquals(Set.of("resourceType", "id", "meta", "subject"), kept.fieldNames());
        assertEquals("SUBSETTED", kept.getJsonObject("meta").getJsonArray("tag").getJsonObject(0)
                .getString("code"));
    }
}
