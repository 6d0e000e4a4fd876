package io.tenfold.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tenfold.bench.Bench;
import io.tenfold.local.Platform;
import io.vertx.core.json.JsonObject;

/** The bench's export suite against the running platform: it seeds a tenant, exports it and counts every file. */
class ExportBenchE2ETest {

    @TempDir
    Path dir;

    @Test
    void theExportSuiteExportsASeededTenantAndCountsEveryResource() throws Exception {
        Platform platform = RunningPlatform.get();
        String[] target = {"--base", platform.baseUrl(), "--operator-secret", platform.operatorSecret(),
            "--tenant", "bench-export"};
        assertEquals(0, bench(concat(new String[] {"fhir-seed", "--observations", "300", "--patients", "10"},
                target)));

        Path out = dir.resolve("export.json");
        assertEquals(0, bench(concat(new String[] {"export", "--out", out.toString()}, target)));
        JsonObject result = new JsonObject(Files.readString(out));
        assertEquals(310, result.getLong("resources"), "300 Observations and their 10 Patients");
        assertTrue(result.getInteger("files") >= 2, result.encode());
        assertTrue(result.getDouble("resourcesPerSecond") > 0 && result.getLong("bytes") > 0, result.encode());
        assertTrue(result.getString("machine").contains("CPU"), result.encode());
    }

    private static int bench(String... args) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = Bench.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        if (status != 0) {
            System.out.println(log.toString(StandardCharsets.UTF_8));
        }
        return status;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
