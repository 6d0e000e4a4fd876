package io.tenfold.fhir.storage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tenfold.fhir.support.TestTenants;
import io.tenfold.local.testing.Db;
import io.tenfold.local.testing.TestTokens;

/**
 * The partitioned tables get statistics of their own (autovacuum only analyzes partitions), which the planner needs
 * to pick a search's driving criterion; and they are not analyzed again while little changed.
 */
@QuarkusTest
class PartitionStatisticsTest {

    @Inject
    PartitionStatistics statistics;

    @Test
    void partitionedTablesAreAnalyzedOnceTheyHoldDataAndNotAgainUntilTheyChange() {
        String tenant = TestTenants.create("stats");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TestTokens.provider(tenant, "user/*.cruds")).contentType("application/fhir+json")
                    .body("{\"resourceType\":\"Patient\",\"gender\":\"female\",\"name\":[{\"family\":\"Stats" + i
                            + "\"}]}")
                    .post("/tenant/" + tenant + "/provider/smart-api/Patient").then().statusCode(201);
        }

        statistics.forget();
        List<String> first = statistics.refresh().await().indefinitely();
        List<String> second = statistics.refresh().await().indefinitely();

        assertTrue(Db.count("SELECT count(*) FROM pg_stats WHERE schemaname = 'fhir' AND tablename = 'search_token' "
                + "AND inherited") > 0, "the partitioned table has statistics of its own; analyzed: " + first);
        assertTrue(Db.count("SELECT count(*) FROM pg_stat_all_tables WHERE schemaname = 'fhir' "
                + "AND relname = 'resources' AND last_analyze IS NOT NULL") == 1);
        assertEquals(List.of(), second, "nothing changed since: nothing analyzed");
    }
}
