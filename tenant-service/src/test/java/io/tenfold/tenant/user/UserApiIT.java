package io.tenfold.tenant.user;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native executable with -Pnative). */
@QuarkusIntegrationTest
class UserApiIT extends UserApiTest {
}
