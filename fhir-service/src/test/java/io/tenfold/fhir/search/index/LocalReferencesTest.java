package io.tenfold.fhir.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LocalReferencesTest {

    final LocalReferences local = new LocalReferences("http://localhost:8080/", "t1");

    @Test
    void relativeReferencesAreLocal() {
        assertEquals(new ReferenceRow("subject", "Patient", "p1", null), local.toRow("subject", "Patient/p1"));
        assertEquals(new ReferenceRow("subject", "Patient", "p1", null), local.toRow("subject", "Patient/p1/_history/3"));
    }

    @Test
    void ownBasesAreLocalForBothAudiences() {
        assertEquals(new ReferenceRow("s", "Patient", "p1", null),
                local.toRow("s", "http://localhost:8080/tenant/t1/provider/smart-api/Patient/p1"));
        assertEquals(new ReferenceRow("s", "Patient", "p1", null),
                local.toRow("s", "http://localhost:8080/tenant/t1/patient/smart-api/Patient/p1/_history/2"));
        assertTrue(local.bases().contains("http://localhost:8080/tenant/t1/patient/smart-api/"));
    }

    @Test
    void otherBasesAreExternal() {
        String otherTenant = "http://localhost:8080/tenant/t2/provider/smart-api/Patient/p1";
        String otherHost = "https://fhir.example.org/r4/Patient/p1";
        assertEquals(new ReferenceRow("s", null, null, otherTenant), local.toRow("s", otherTenant));
        assertEquals(new ReferenceRow("s", null, null, otherHost), local.toRow("s", otherHost));
        assertEquals(new ReferenceRow("s", null, null, "urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0"),
                local.toRow("s", "urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0"));
    }

    @Test
    void containedAndBlankReferencesAreNotRows() {
        assertNull(local.toRow("s", "#med1"));
        assertNull(local.toRow("s", null));
        assertNull(local.toRow("s", " "));
    }

    @Test
    void recognisesAnotherTenantOfThisServer() {
        assertTrue(local.isOtherTenantOfThisServer("http://localhost:8080/tenant/t2/provider/smart-api/Patient/p1"));
        assertTrue(local.isOtherTenantOfThisServer("http://localhost:8080/tenant/t2/patient/smart-api/Patient/p1"));
        assertFalse(local.isOtherTenantOfThisServer("http://localhost:8080/tenant/t1/provider/smart-api/Patient/p1"));
        assertFalse(local.isOtherTenantOfThisServer("https://fhir.example.org/tenant/t2/provider/smart-api/Patient/p1"));
        assertFalse(local.isOtherTenantOfThisServer("http://localhost:8080/tenant/t2/provider/auth"));
        assertFalse(local.isOtherTenantOfThisServer("Patient/p1"));
        assertFalse(local.isOtherTenantOfThisServer(null));
    }
}
