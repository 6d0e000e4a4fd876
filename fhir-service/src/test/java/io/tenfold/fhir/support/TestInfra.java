package io.tenfold.fhir.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tenfold.local.testing.SharedInfra;
import io.tenfold.local.testing.TestAuthServer;

/** Every test of this module runs against the shared real PostgreSQL and Kafka broker of the JVM. */
@QuarkusTestResource(TestInfra.class)
public class TestInfra implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(SharedInfra.get().serviceConfig("fhir-service"));
        config.put("tenfold.auth.url", TestAuthServer.get().url());
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class; stopped when the JVM exits
    }
}
