package io.tenfold.tenant.client;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native executable with -Pnative). */
@QuarkusIntegrationTest
class ClientApiIT extends ClientApiTest {
}
