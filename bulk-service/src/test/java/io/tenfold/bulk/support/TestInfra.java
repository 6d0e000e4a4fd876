package io.tenfold.bulk.support;

import java.util.HashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tenfold.local.testing.SharedInfra;
import io.tenfold.local.testing.TestAuthServer;

/**
 * Every test of this module runs against the shared real PostgreSQL and Kafka broker of the JVM. The fhir schema
 * bulk-service exports from is made by fhir-service's own migrations (read from its source tree), run as
 * fhir-service's role, which also grants bulk-service's role its read; tokens are signed by
 * {@link TestAuthServer}. Files are split small, so that tests see several files and chunks.
 */
@QuarkusTestResource(TestInfra.class)
public class TestInfra implements QuarkusTestResourceLifecycleManager {

    private static boolean fhirSchemaReady;

    @Override
    public Map<String, String> start() {
        migrateFhirSchema();
        Map<String, String> config = new HashMap<>(SharedInfra.get().serviceConfig("bulk-service"));
        config.put("tenfold.auth.url", TestAuthServer.get().url());
        config.put("tenfold.bulk.resources-per-file", "4");
        config.put("tenfold.bulk.chunk-bytes", "512");
        config.put("tenfold.bulk.sweep-interval", "1s");
        config.put("tenfold.bulk.stale-after", "5s");
        return config;
    }

    private static synchronized void migrateFhirSchema() {
        if (fhirSchemaReady) {
            return;
        }
        Map<String, String> fhir = SharedInfra.get().serviceConfig("fhir-service");
        Flyway.configure()
                .dataSource(fhir.get("quarkus.datasource.jdbc.url"), fhir.get("quarkus.datasource.username"),
                        fhir.get("quarkus.datasource.password"))
                .schemas("fhir")
                .locations("classpath:db/platform", "filesystem:../fhir-service/src/main/resources/db/migration")
                .placeholders(Map.of("export_reader", "tenfold_bulk"))
                .load()
                .migrate();
        fhirSchemaReady = true;
    }

    @Override
    public void stop() {
        // shared by every test class; stopped when the JVM exits
    }
}
