package io.tenfold.tenant.policy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the native executable with -Pnative). */
@QuarkusIntegrationTest
class AccessPolicyApiIT extends AccessPolicyApiTest {
}
