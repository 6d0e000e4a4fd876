package io.tenfold.auth.endpoint;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native executable with -Pnative). */
@QuarkusIntegrationTest
class TenantKeysIT extends TenantKeysTest {
}
