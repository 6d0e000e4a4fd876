package io.tenfold.tenant.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tenfold.local.testing.SharedInfra;

/**
 * Every test of this module runs against the shared real PostgreSQL and Kafka broker of the JVM, and writes its
 * mails as {@code .eml} files into one temporary directory ({@link #mailDirectory()}).
 */
@QuarkusTestResource(TestInfra.class)
public class TestInfra implements QuarkusTestResourceLifecycleManager {

    private static Path mailDirectory;

    /** Where the service under test writes its mails. */
    public static synchronized Path mailDirectory() {
        if (mailDirectory == null) {
            try {
                mailDirectory = Files.createTempDirectory("tenfold-mail-");
                mailDirectory.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mailDirectory;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(SharedInfra.get().serviceConfig("tenant-service"));
        config.put("tenfold.mail.directory", mailDirectory().toString());
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class; stopped when the JVM exits
    }
}
