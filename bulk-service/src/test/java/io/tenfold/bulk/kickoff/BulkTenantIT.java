package io.tenfold.bulk.kickoff;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native executable with -Pnative). */
@QuarkusIntegrationTest
class BulkTenantIT extends BulkTenantTest {
}
