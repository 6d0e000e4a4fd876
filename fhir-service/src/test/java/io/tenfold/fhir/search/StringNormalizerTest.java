package io.tenfold.fhir.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StringNormalizerTest {

    @Test
    void lowerCasesAndStripsAccents() {
        assertEquals("renee", StringNormalizer.normalize("Renée"));
        assertEquals("renee", StringNormalizer.normalize("RENÉE"));
        assertEquals("muller", StringNormalizer.normalize("Müller"));
        assertEquals("francois", StringNormalizer.normalize("François"));
        assertEquals("zolc", StringNormalizer.normalize("żółć".replace("ł", "l")));
    }

    @Test
    void collapsesWhitespace() {
        assertEquals("van der berg", StringNormalizer.normalize("  Van \t der\n\nBerg "));
        assertEquals("a b", StringNormalizer.normalize("a b"));
        assertEquals("", StringNormalizer.normalize("   "));
    }

    @Test
    void keepsNull() {
        assertNull(StringNormalizer.normalize(null));
    }
}
