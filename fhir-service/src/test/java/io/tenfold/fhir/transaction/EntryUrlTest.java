package io.tenfold.fhir.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tenfold.commons.error.InvalidRequestException;

class EntryUrlTest {

    static final String BASE = "http://tenfold.test/tenant/t1/provider/smart-api";
    static final Set<String> TYPES = Set.of("Patient", "Observation");

    static EntryUrl parse(String url) {
        return EntryUrl.parse(url, BASE, TYPES::contains);
    }

    @Test
    void readsTheFormsOfAnEntryUrl() {
        assertEquals(new EntryUrl("Patient", null, null, null), parse("Patient"));
        assertEquals(new EntryUrl("Patient", "p-1", null, null), parse("Patient/p-1"));
        assertEquals(new EntryUrl("Patient", "p-1", "3", null), parse("/Patient/p-1/_history/3"));
        assertEquals(new EntryUrl("Patient", null, null, "identifier=http://x|1"),
                parse("Patient?identifier=http://x|1"));
        assertEquals(new EntryUrl("Patient", "p-1", null, null), parse(BASE + "/Patient/p-1"));
    }

    @Test
    void refusesWhatIsNotAnEntryUrlOfThisBase() {
        for (String url : List.of("http://elsewhere/fhir/Patient/1", "http://tenfold.test/tenant/t2/provider/smart-api"
                + "/Patient/1", "Nonsense/1", "Patient/", "Patient/a b", "Patient/1/_history", "Patient/1?x=y",
                "Patient/1/$everything", "metadata")) {
            assertThrows(InvalidRequestException.class, () -> parse(url), url);
        }
    }

    @Test
    void anAbsoluteFullUrlAlsoStandsForItsTypeAndId() {
        assertEquals(List.of("http://x.org/fhir/Patient/123", "Patient/123"),
                BundleReader.keys("http://x.org/fhir/Patient/123"));
        assertEquals(List.of("urn:uuid:0b3e"), BundleReader.keys("urn:uuid:0b3e"));
    }

    @Test
    void statusLinesCarryTheirReasonPhrase() {
        assertEquals("201 Created", TransactionService.statusLine(201));
        assertEquals("422 Unprocessable Entity", TransactionService.statusLine(422));
    }
}
