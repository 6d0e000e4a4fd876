package io.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class ReportTest {

    private static final LoadRunner.Result READ = new LoadRunner.Result("read Patient", 8, 20, 120_000, 0, 6000,
            1.2345, 2.5, 4.56789, 30.1, 1, 6000, Map.of());
    private static final LoadRunner.Result TRANSACTION;

    static {
        Map<String, Long> reasons = new LinkedHashMap<>();
        reasons.put("POST transaction → 500: boom", 3L);
        reasons.put("HTTP 429", 1L);
        TRANSACTION = new LoadRunner.Result("transaction 100 Observations", 32, 20, 1_404, 4, 70.2, 400.5, 500,
                650.25, 900, 100, 7000, reasons);
    }

    @Test
    void jsonHasOneObjectARunWithTheFiguresTheIssueAsksFor() {
        JsonArray json = new JsonArray(Report.json(List.of(READ, TRANSACTION)));
        assertEquals(2, json.size());
        JsonObject read = json.getJsonObject(0);
        assertEquals("read Patient", read.getString("scenario"));
        assertEquals(8, read.getInteger("concurrency"));
        assertEquals(120_000L, read.getLong("requests"));
        assertEquals(0L, read.getLong("errors"));
        assertEquals(6000.0, read.getDouble("requestsPerSecond"));
        assertEquals(1.235, read.getDouble("p50Millis"));
        assertEquals(4.568, read.getDouble("p99Millis"));
        assertFalse(read.containsKey("entriesPerSecond"));
        assertFalse(read.containsKey("errorReasons"));
        assertFalse(read.containsKey("machine"));

        JsonObject transaction = json.getJsonObject(1);
        assertEquals(100, transaction.getInteger("entriesPerRequest"));
        assertEquals(7000.0, transaction.getDouble("entriesPerSecond"));
        assertEquals(new JsonObject().put("POST transaction → 500: boom", 3).put("HTTP 429", 1),
                transaction.getJsonObject("errorReasons"));
    }

    @Test
    void jsonNamesTheMachineOnEveryRunWhenGivenOne() {
        JsonArray json = new JsonArray(Report.json(List.of(READ, TRANSACTION), "2 CPUs (AMD EPYC), Linux 6.1, Java 17"));
        assertEquals("2 CPUs (AMD EPYC), Linux 6.1, Java 17", json.getJsonObject(0).getString("machine"));
        assertEquals("2 CPUs (AMD EPYC), Linux 6.1, Java 17", json.getJsonObject(1).getString("machine"));
    }

    @Test
    void theMachineIsItsCpusModelSystemAndJava() {
        String machine = Machine.describe();
        assertTrue(machine.startsWith(Runtime.getRuntime().availableProcessors() + " CPUs"), machine);
        assertTrue(machine.endsWith("Java " + System.getProperty("java.version")), machine);
        String model = Machine.cpuModel();
        assertTrue(model == null || machine.contains("(" + model + ")"), machine);
    }

    @Test
    void jsonEscapesNamesAndReasons() {
        LoadRunner.Result odd = new LoadRunner.Result("say \"hi\"\n", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
                Map.of("a \\ b", 1L));
        JsonObject json = new JsonArray(Report.json(List.of(odd))).getJsonObject(0);
        assertEquals("say \"hi\"\n", json.getString("scenario"));
        assertEquals(1L, json.getJsonObject("errorReasons").getLong("a \\ b"));
    }

    @Test
    void tableHasAHeaderARowARunAndTheReasonsOfErrors() {
        String[] lines = Report.table(List.of(READ, TRANSACTION)).split("\n");
        assertEquals(5, lines.length);
        assertTrue(lines[0].matches("scenario\\s+conc\\s+req/s\\s+requests\\s+errors\\s+p50 ms\\s+p90 ms\\s+p99 ms"
                + "\\s+entries/s"), lines[0]);
        assertTrue(lines[1].matches("read Patient\\s+8\\s+6000\\.0\\s+120000\\s+0\\s+1\\.23\\s+2\\.50\\s+4\\.57\\s*"),
                lines[1]);
        assertTrue(lines[2].matches("transaction 100 Observations\\s+32\\s+70\\.2\\s+1404\\s+4\\s+400\\.50\\s+"
                + "500\\.00\\s+650\\.25\\s+7000\\.0"), lines[2]);
        assertEquals("  transaction 100 Observations @32: 3× POST transaction → 500: boom", lines[3]);
        assertEquals("  transaction 100 Observations @32: 1× HTTP 429", lines[4]);
    }
}
