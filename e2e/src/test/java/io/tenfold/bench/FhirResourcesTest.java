package io.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.vertx.core.json.JsonObject;

/** What the bench sends is valid R4: HAPI's strict parser (unknown elements and bad values fail) reads it. */
class FhirResourcesTest {

    private static final FhirContext R4 = FhirContext.forR4();
    private final Random random = new Random(42);

    private static IParser strict() {
        return R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    @Test
    void patientIsValid() {
        for (int i = 0; i < 50; i++) {
            Patient patient = strict().parseResource(Patient.class,
                    FhirResources.patient("Bench-x-" + i, random).encode());
            assertEquals("Bench-x-" + i, patient.getNameFirstRep().getFamily());
            assertEquals(1, patient.getNameFirstRep().getGiven().size());
            assertTrue(patient.hasBirthDate() && patient.hasGender() && patient.getActive());
        }
    }

    @Test
    void observationsAreValidWithLoincCodesAndUcumQuantities() {
        List<FhirResources.Code> codes = new ArrayList<>(FhirResources.VITAL_SIGNS);
        codes.add(FhirResources.HBA1C);
        for (FhirResources.Code code : codes) {
            for (int i = 0; i < 20; i++) {
                Observation o = strict().parseResource(Observation.class,
                        FhirResources.observation("p-" + i, code, random).encode());
                assertEquals(Observation.ObservationStatus.FINAL, o.getStatus());
                assertEquals("Patient/p-" + i, o.getSubject().getReference());
                assertEquals("http://loinc.org", o.getCode().getCodingFirstRep().getSystem());
                assertEquals(code.code(), o.getCode().getCodingFirstRep().getCode());
                assertEquals(code.category(), o.getCategoryFirstRep().getCodingFirstRep().getCode());
                Quantity q = o.getValueQuantity();
                assertEquals("http://unitsofmeasure.org", q.getSystem());
                assertEquals(code.unit(), q.getCode());
                double value = q.getValue().doubleValue();
                assertTrue(value >= code.min() - 0.05 && value <= code.max() + 0.05, code + ": " + value);
                assertTrue(o.hasEffectiveDateTimeType());
            }
        }
        assertEquals("4548-4", FhirResources.HBA1C.code());
    }

    @Test
    void transactionHasAPostEntryPerResourceEachWithItsOwnUrnUuid() {
        List<JsonObject> observations = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            observations.add(FhirResources.observation("p" + (i % 7), FhirResources.vitalSign(random), random));
        }
        Bundle bundle = strict().parseResource(Bundle.class,
                FhirResources.transaction(observations, random).encode());
        assertEquals(Bundle.BundleType.TRANSACTION, bundle.getType());
        assertEquals(100, bundle.getEntry().size());
        Set<String> fullUrls = new HashSet<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            assertEquals(Bundle.HTTPVerb.POST, entry.getRequest().getMethod());
            assertEquals("Observation", entry.getRequest().getUrl());
            assertTrue(entry.getResource() instanceof Observation);
            assertTrue(entry.getFullUrl().matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                    + "[0-9a-f]{12}"), entry.getFullUrl());
            fullUrls.add(entry.getFullUrl());
        }
        assertEquals(100, fullUrls.size());
    }

    @Test
    void uuidsAreVersion4() {
        for (int i = 0; i < 1000; i++) {
            UUID uuid = FhirResources.uuid(random);
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant());
        }
    }
}
