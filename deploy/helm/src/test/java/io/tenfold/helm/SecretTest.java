package io.tenfold.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chart's Secret: every documented key, generated when not given, and kept across upgrades by looking up the
 * Secret already in the cluster (served here by {@link FakeKubeApi}).
 */
class SecretTest {

    static final List<String> KEYS = List.of("operator-secret", "auth-key-encryption-key", "tenant-db-password",
            "auth-db-password", "fhir-db-password", "portal-db-password", "bulk-db-password");

    private final FakeKubeApi cluster = FakeKubeApi.get();

    @BeforeEach
    void emptyCluster() {
        cluster.reset();
    }

    @Test
    void aFirstInstallGeneratesEveryKey() {
        Map<String, String> data = secretData(Map.of());

        assertEquals(KEYS, List.copyOf(data.keySet()));
        for (String key : KEYS) {
            String value = decode(data.get(key));
            if (key.equals("auth-key-encryption-key")) {
                assertTrue(value.matches("[A-Za-z0-9_-]{43}"), "base64url without padding: " + value);
                assertEquals(32, Base64.getUrlDecoder().decode(value).length, "32 random bytes");
            } else {
                assertTrue(value.matches("[A-Za-z0-9]{32}"), key + ": " + value);
            }
        }
        assertTrue(cluster.requests().contains("/api/v1/namespaces/tenfold/secrets/tenfold"),
                "the chart looks the Secret up: " + cluster.requests());
        assertNotEquals(data.get("tenant-db-password"), data.get("auth-db-password"));
    }

    @Test
    void givenValuesAreUsed() {
        String kek = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        Map<String, String> data = secretData(Map.of(
                "secrets.operatorSecret", "s3cret",
                "secrets.authKeyEncryptionKey", kek,
                "secrets.dbPasswords.fhir", "fhir-pw"));

        assertEquals("s3cret", decode(data.get("operator-secret")));
        assertEquals(kek, decode(data.get("auth-key-encryption-key")));
        assertEquals("fhir-pw", decode(data.get("fhir-db-password")));
    }

    @Test
    void anUpgradeKeepsTheValuesOfTheSecretInTheCluster() {
        Map<String, String> existing = new LinkedHashMap<>();
        for (String key : KEYS) {
            existing.put(key, encode("existing-" + key));
        }
        cluster.putSecret(TenfoldChart.NAMESPACE, "tenfold", existing);

        Map<String, String> data = secretData(Map.of("secrets.dbPasswords.bulk", "rotated-on-purpose"));

        for (String key : KEYS) {
            String expected = key.equals("bulk-db-password") ? "rotated-on-purpose" : "existing-" + key;
            assertEquals(expected, decode(data.get(key)), key);
        }
    }

    @Test
    void aKeyMissingFromTheClusterSecretIsGenerated() {
        cluster.putSecret(TenfoldChart.NAMESPACE, "tenfold", Map.of("operator-secret", encode("kept")));

        Map<String, String> data = secretData(Map.of());

        assertEquals("kept", decode(data.get("operator-secret")));
        assertEquals(32, Base64.getUrlDecoder().decode(decode(data.get("auth-key-encryption-key"))).length);
    }

    @Test
    void theSecretSurvivesUninstall() {
        JsonNode secret = TenfoldChart.templateWithCiValues(Map.of()).ofKind("Secret").get(0);
        assertEquals("keep", secret.path("metadata").path("annotations").path("helm.sh/resource-policy").asText());
    }

    @Test
    void aMalformedKeyEncryptionKeyIsRefused() {
        Exception failure = assertThrows(Exception.class,
                () -> secretData(Map.of("secrets.authKeyEncryptionKey", "too-short")));
        assertTrue(failure.getMessage().contains("authKeyEncryptionKey"), failure.getMessage());
    }

    private static Map<String, String> secretData(Map<String, ?> set) {
        List<JsonNode> secrets = TenfoldChart.templateWithCiValues(set).ofKind("Secret");
        assertEquals(1, secrets.size());
        assertEquals("tenfold", secrets.get(0).path("metadata").path("name").asText());
        Map<String, String> data = new LinkedHashMap<>();
        secrets.get(0).path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
