package io.tenfold.fhir.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native executable with -Pnative). */
@QuarkusIntegrationTest
class TenantLifecycleIT extends TenantLifecycleTest {
}
