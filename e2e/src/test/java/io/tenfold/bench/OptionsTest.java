package io.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Set<String> KNOWN = Set.of("base", "concurrency", "duration", "scenarios", "out");

    private static Options parse(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "suite";
        System.arraycopy(args, 0, all, 1, args.length);
        return Options.parse("suite", all, KNOWN);
    }

    @Test
    void readsSpacedAndInlineValues() {
        Options opts = parse("--base", "http://h:1/fhir", "--duration=7");
        assertEquals("http://h:1/fhir", opts.get("base", null));
        assertEquals(Duration.ofSeconds(7), opts.seconds("duration", 20, 1));
        assertFalse(opts.has("out"));
        assertEquals("fallback", opts.get("out", "fallback"));
    }

    @Test
    void concurrencyIsAListOfPositiveNumbers() {
        assertEquals(List.of(8, 32), parse().integers("concurrency", "8,32"));
        assertEquals(List.of(2, 4, 16), parse("--concurrency", "2, 4,16").integers("concurrency", "8,32"));
        assertThrows(Options.UsageException.class, () -> parse("--concurrency", "8,").integers("concurrency", "1"));
        assertThrows(Options.UsageException.class, () -> parse("--concurrency", "0").integers("concurrency", "1"));
        assertThrows(Options.UsageException.class, () -> parse("--concurrency", "x").integers("concurrency", "1"));
    }

    @Test
    void numbersHaveAMinimumAndRequiredOnesMustBeThere() {
        assertEquals(20, parse().integer("duration", 20, 1));
        Options.UsageException low = assertThrows(Options.UsageException.class,
                () -> parse("--duration", "0").integer("duration", 20, 1));
        assertEquals("--duration must be at least 1 (got 0)", low.getMessage());
        Options.UsageException missing = assertThrows(Options.UsageException.class,
                () -> parse().integer("duration", 1));
        assertEquals("--duration is required for suite", missing.getMessage());
    }

    @Test
    void scenariosAreASubsetInTheSuitesOrder() {
        List<String> all = List.of("a", "b", "c");
        assertEquals(all, parse().subset("scenarios", all));
        assertEquals(List.of("a", "c"), parse("--scenarios", "c,a").subset("scenarios", all));
        Options.UsageException e = assertThrows(Options.UsageException.class,
                () -> parse("--scenarios", "a,d").subset("scenarios", all));
        assertTrue(e.getMessage().contains("unknown 'd'"), e.getMessage());
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertTrue(assertThrows(Options.UsageException.class, () -> parse("--tenant", "x")).getMessage()
                .startsWith("unknown option --tenant for suite"));
        assertEquals("--base needs a value",
                assertThrows(Options.UsageException.class, () -> parse("--base")).getMessage());
        assertEquals("--base needs a value",
                assertThrows(Options.UsageException.class, () -> parse("--base", "--out", "f")).getMessage());
        assertEquals("--out is given twice",
                assertThrows(Options.UsageException.class, () -> parse("--out", "a", "--out", "b")).getMessage());
        assertTrue(assertThrows(Options.UsageException.class, () -> parse("stray")).getMessage()
                .startsWith("unexpected argument 'stray'"));
        assertThrows(Options.UsageException.class, () -> parse("--base", "x").refuse("base", "not here"));
    }
}
