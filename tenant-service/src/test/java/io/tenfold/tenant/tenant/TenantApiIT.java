package io.tenfold.tenant.tenant;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native executable with -Pnative). */
@QuarkusIntegrationTest
class TenantApiIT extends TenantApiTest {
}
