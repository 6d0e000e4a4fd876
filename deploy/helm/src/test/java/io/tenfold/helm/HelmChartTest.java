package io.tenfold.helm;

import static io.tenfold.helm.TenfoldChart.CHART;
import static io.tenfold.helm.TenfoldChart.CI_VALUES;
import static io.tenfold.helm.TenfoldChart.SERVICES;
import static io.tenfold.helm.TenfoldChart.resourceName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;

import io.tenfold.helm.TenfoldChart.Manifests;

/**
 * The chart rendered with ci/ci-values.yaml: five Deployments and Services, their probes, security settings and
 * the environment contract the services' Java code reads.
 */
class HelmChartTest {

    private static Manifests ci;
    private static JsonNode ciValues;
    private static String appVersion;

    @BeforeAll
    static void render() {
        FakeKubeApi.get().reset();
        ci = TenfoldChart.templateWithCiValues(Map.of());
        ciValues = TenfoldChart.readYaml(CI_VALUES);
        appVersion = TenfoldChart.readYaml(CHART.resolve("Chart.yaml")).path("appVersion").asText();
    }

    @BeforeEach
    void emptyCluster() {
        FakeKubeApi.get().reset();
    }

    @Test
    void lintOfTheChartWithItsDefaultsPassesStrictly() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
        assertNoErrorsOrWarnings(result);
    }

    @Test
    void lintWithCiValuesPassesStrictly() throws IOException {
        // helm-java's lint takes no values file: lint a copy whose values.yaml has ci-values.yaml merged in.
        JsonNode merged = TenfoldChart.merge(TenfoldChart.readYaml(CHART.resolve("values.yaml")), ciValues);
        Path copy = TenfoldChart.copy("lint-ci", TenfoldChart.FileEdit.none());
        Files.writeString(copy.resolve("values.yaml"), TenfoldChart.YAML.writeValueAsString(merged));

        LintResult result = new Helm(copy).lint().strict().call();

        assertFalse(result.isFailed(), () -> "helm lint --strict with ci values failed: " + result.getMessages());
        assertNoErrorsOrWarnings(result);
    }

    @Test
    void rendersFiveDeploymentsAndFiveServices() {
        assertEquals(SERVICES.keySet().stream().map(TenfoldChart::resourceName).collect(Collectors.toSet()),
                names(ci.ofKind("Deployment")));
        assertEquals(SERVICES.keySet().stream().map(TenfoldChart::resourceName).collect(Collectors.toSet()),
                names(ci.ofKind("Service")));
        assertEquals(1, ci.ofKind("ConfigMap").size());
        assertEquals(1, ci.ofKind("Secret").size());
        assertEquals(1, ci.ofKind("Ingress").size());
        assertEquals(1, ci.ofKind("ServiceAccount").size());
        assertTrue(ci.ofKind("PodDisruptionBudget").isEmpty(), "PDBs are off by default");
    }

    @Test
    void everyDeploymentRunsItsImageOnPort8080WithTheThreeQuarkusProbes() {
        for (String service : SERVICES.keySet()) {
            JsonNode container = ci.container(service);
            assertEquals("ghcr.io/tenfold/" + service + ":" + appVersion, container.path("image").asText(), service);
            assertEquals(service, container.path("name").asText());

            Map<String, Integer> ports = new LinkedHashMap<>();
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertEquals(Map.of("http", 8080), ports, service + " ports");

            assertProbe(service, container, "startupProbe", "/q/health/started", ports);
            assertProbe(service, container, "readinessProbe", "/q/health/ready", ports);
            assertProbe(service, container, "livenessProbe", "/q/health/live", ports);

            JsonNode resources = container.path("resources");
            for (String kind : List.of("requests", "limits")) {
                assertTrue(resources.path(kind).has("cpu") && resources.path(kind).has("memory"),
                        service + " should have cpu and memory " + kind);
            }
        }
    }

    @Test
    void everyPodRunsAsNonRootOnAReadOnlyFilesystemWithTmpAnEmptyDir() {
        for (String service : SERVICES.keySet()) {
            JsonNode pod = ci.one("Deployment", resourceName(service)).path("spec").path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            assertTrue(podSecurity.path("runAsNonRoot").asBoolean(), service + " runAsNonRoot");
            assertEquals(185, podSecurity.path("runAsUser").asInt(), service + " runAsUser");
            assertTrue(podSecurity.has("fsGroup"), service + " fsGroup");
            assertEquals("RuntimeDefault", podSecurity.path("seccompProfile").path("type").asText(), service);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), service + " mounts no token");
            assertEquals("tenfold", pod.path("serviceAccountName").asText());

            JsonNode security = ci.container(service).path("securityContext");
            assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), service + " readOnlyRootFilesystem");
            assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), service);
            assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString(), service);

            String tmpVolume = null;
            for (JsonNode mount : ci.container(service).path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            assertNotNull(tmpVolume, service + " mounts /tmp");
            boolean emptyDir = false;
            for (JsonNode volume : pod.path("volumes")) {
                emptyDir |= volume.path("name").asText().equals(tmpVolume) && volume.has("emptyDir");
            }
            assertTrue(emptyDir, service + " /tmp is an emptyDir");
        }
    }

    @Test
    void podsCarryPrometheusAnnotationsAndAConfigChecksum() {
        for (String service : SERVICES.keySet()) {
            JsonNode annotations = ci.one("Deployment", resourceName(service)).path("spec").path("template")
                    .path("metadata").path("annotations");
            assertEquals("true", annotations.path("prometheus.io/scrape").asText(), service);
            assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText(), service);
            assertEquals("8080", annotations.path("prometheus.io/port").asText(), service);
            assertTrue(annotations.path("checksum/config").asText().matches("[0-9a-f]{64}"), service);
        }
        Manifests off = TenfoldChart.templateWithCiValues(Map.of("metrics.enabled", false));
        JsonNode annotations = off.one("Deployment", resourceName("fhir-service")).path("spec").path("template")
                .path("metadata").path("annotations");
        assertFalse(annotations.has("prometheus.io/scrape"));
    }

    @Test
    void everyServiceSelectsItsDeploymentsPodsOnPort8080() {
        for (String service : SERVICES.keySet()) {
            JsonNode svc = ci.one("Service", resourceName(service));
            JsonNode podLabels = ci.one("Deployment", resourceName(service)).path("spec").path("template")
                    .path("metadata").path("labels");
            svc.path("spec").path("selector").fields().forEachRemaining(selector -> assertEquals(
                    selector.getValue().asText(), podLabels.path(selector.getKey()).asText(), service + " selector"));
            assertEquals(service, svc.path("spec").path("selector").path("app.kubernetes.io/component").asText());
            JsonNode port = svc.path("spec").path("ports").get(0);
            assertEquals(8080, port.path("port").asInt());
            assertEquals("http", port.path("targetPort").asText());
        }
    }

    @Test
    void everyContainerGetsTheEnvironmentContract() {
        JsonNode pg = ciValues.path("postgresql");
        String address = pg.path("host").asText() + ":" + pg.path("port").asInt() + "/" + pg.path("database").asText();
        for (Map.Entry<String, String> entry : SERVICES.entrySet()) {
            String service = entry.getKey();
            String shortName = entry.getValue();
            Map<String, String> env = ci.environment(ci.container(service));

            assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://" + address),
                    service + ": " + env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertTrue(env.get("QUARKUS_DATASOURCE_REACTIVE_URL").startsWith("postgresql://" + address),
                    service + ": " + env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
            assertEquals("tenfold_" + shortName, env.get("QUARKUS_DATASOURCE_USERNAME"), service);
            assertEquals("secret:tenfold/" + shortName + "-db-password", env.get("QUARKUS_DATASOURCE_PASSWORD"),
                    service);
            assertEquals(ciValues.path("kafka").path("bootstrapServers").asText(),
                    env.get("TENFOLD_KAFKA_BOOTSTRAP_SERVERS"), service);
            assertEquals(ciValues.path("kafka").path("replicationFactor").asText(),
                    env.get("TENFOLD_KAFKA_REPLICATION_FACTOR"), service);
            assertEquals(ciValues.path("kafka").path("partitions").asText(), env.get("TENFOLD_KAFKA_PARTITIONS"),
                    service);
            assertEquals(ciValues.path("publicBaseUrl").asText(), env.get("TENFOLD_PUBLIC_BASE_URL"), service);
            assertEquals("8080", env.get("QUARKUS_HTTP_PORT"), service);

            boolean operator = service.equals("tenant-service") || service.equals("auth-service");
            assertEquals(operator ? "operator" : null, env.get("TENFOLD_OPERATOR_CLIENT_ID"), service);
            assertEquals(operator ? "secret:tenfold/operator-secret" : null, env.get("TENFOLD_OPERATOR_SECRET"),
                    service);
            assertEquals(service.equals("auth-service") ? "secret:tenfold/auth-key-encryption-key" : null,
                    env.get("TENFOLD_AUTH_KEY_ENCRYPTION_KEY"), service);
            boolean reachesAuth = service.equals("tenant-service") || service.equals("fhir-service")
                    || service.equals("bulk-service");
            assertEquals(reachesAuth ? "http://tenfold-auth-service:8080" : null,
                    env.get("TENFOLD_AUTH_URL"), service + " reaches auth-service (launch URIs, JWKS)");
            assertEquals(service.equals("fhir-service") ? "tenfold_bulk" : null,
                    env.get("QUARKUS_FLYWAY_PLACEHOLDERS_EXPORT_READER"), service + " grants bulk-service's role");
            assertEquals(service.equals("auth-service") ? "http://tenfold-fhir-service:8080" : null,
                    env.get("TENFOLD_FHIR_URL"), service + " reaches fhir-service (the patient picker)");
            assertEquals(service.equals("portal-service") ? "http://tenfold-tenant-service:8080" : null,
                    env.get("TENFOLD_TENANT_SERVICE_URL"), service + " reaches tenant-service for invitations");
        }
    }

    @Test
    void secretsReachContainersOnlyThroughSecretKeyRefs() {
        JsonNode configMap = ci.ofKind("ConfigMap").get(0);
        configMap.path("data").fieldNames().forEachRemaining(key -> assertFalse(
                key.contains("PASSWORD") || key.contains("SECRET") || key.contains("KEY"),
                "the ConfigMap holds no secret: " + key));
        Set<String> secretVars = Set.of("QUARKUS_DATASOURCE_PASSWORD", "TENFOLD_OPERATOR_SECRET",
                "TENFOLD_AUTH_KEY_ENCRYPTION_KEY");
        for (String service : SERVICES.keySet()) {
            for (JsonNode var : ci.container(service).path("env")) {
                if (secretVars.contains(var.path("name").asText())) {
                    assertFalse(var.has("value"), service + " " + var);
                    assertTrue(var.path("valueFrom").has("secretKeyRef"), service + " " + var);
                }
            }
        }
    }

    @Test
    void minimalValuesGiveTheDocumentedDefaults() {
        Manifests minimal = TenfoldChart.template(CHART, false, Map.of(
                "publicBaseUrl", "https://fhir.example.com/",
                "postgresql.host", "db.example",
                "kafka.bootstrapServers", "kafka.example:9092"));
        Map<String, String> env = minimal.environment(minimal.container("fhir-service"));
        assertEquals("jdbc:postgresql://db.example:5432/tenfold", env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("postgresql://db.example:5432/tenfold", env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals("3", env.get("TENFOLD_KAFKA_REPLICATION_FACTOR"));
        assertEquals("6", env.get("TENFOLD_KAFKA_PARTITIONS"));
        assertEquals("https://fhir.example.com", env.get("TENFOLD_PUBLIC_BASE_URL"), "trailing slash removed");
        assertEquals("fhir.example.com",
                minimal.ofKind("Ingress").get(0).path("spec").path("rules").get(0).path("host").asText(),
                "the Ingress host defaults to publicBaseUrl's");
    }

    @Test
    void sslModeGoesToBothUrlsAndJdbcParamsToTheJdbcUrlOnly() {
        Manifests rendered = TenfoldChart.templateWithCiValues(Map.of(
                "postgresql.sslMode", "require",
                "postgresql.jdbcParams", "ApplicationName=tenfold"));
        Map<String, String> env = rendered.environment(rendered.container("auth-service"));
        String address = ciValues.path("postgresql").path("host").asText() + ":5432/tenfold";
        assertEquals("jdbc:postgresql://" + address + "?sslmode=require&ApplicationName=tenfold",
                env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("postgresql://" + address + "?sslmode=require", env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
    }

    @Test
    void withExistingSecretTheChartCreatesNoSecretAndReferencesTheGivenOne() {
        Manifests rendered = TenfoldChart.templateWithCiValues(Map.of("existingSecret", "foo"));

        assertTrue(rendered.ofKind("Secret").isEmpty(), "no Secret with existingSecret");
        Set<String> referenced = new HashSet<>();
        for (String service : SERVICES.keySet()) {
            for (JsonNode var : rendered.container(service).path("env")) {
                JsonNode ref = var.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    referenced.add(ref.path("name").asText());
                }
            }
        }
        assertEquals(Set.of("foo"), referenced);
        assertTrue(FakeKubeApi.get().requests().isEmpty(), "no lookup without a chart Secret");
    }

    @Test
    void renderingWithoutPublicBaseUrlFailsWithAClearMessage() {
        Exception failure = assertThrows(Exception.class,
                () -> TenfoldChart.templateWithCiValues(Map.of("publicBaseUrl", "")));
        assertTrue(failure.getMessage().contains("publicBaseUrl is required"), failure.getMessage());
    }

    @Test
    void renderingWithoutDatabaseOrKafkaFailsWithAClearMessage() {
        Exception noDatabase = assertThrows(Exception.class,
                () -> TenfoldChart.templateWithCiValues(Map.of("postgresql.host", "")));
        assertTrue(noDatabase.getMessage().contains("postgresql.host is required"), noDatabase.getMessage());
        Exception noKafka = assertThrows(Exception.class,
                () -> TenfoldChart.templateWithCiValues(Map.of("kafka.bootstrapServers", "")));
        assertTrue(noKafka.getMessage().contains("kafka.bootstrapServers is required"), noKafka.getMessage());
    }

    @Test
    void theSchemaRefusesAPublicBaseUrlWithAPath() {
        Exception failure = assertThrows(Exception.class,
                () -> TenfoldChart.templateWithCiValues(Map.of("publicBaseUrl", "https://x.example/fhir")));
        assertTrue(failure.getMessage().contains("publicBaseUrl"), failure.getMessage());
    }

    @Test
    void perServiceValuesApplyToTheirServiceOnly() {
        Manifests rendered = TenfoldChart.templateWithCiValues(Map.of(
                "fhirService.replicaCount", 3,
                "fhirService.extraEnv[0].name", "QUARKUS_LOG_LEVEL",
                "fhirService.extraEnv[0].value", "DEBUG",
                "fhirService.nodeSelector.pool", "fhir",
                "fhirService.podDisruptionBudget.enabled", true,
                "fhirService.podDisruptionBudget.minAvailable", 2,
                "image.tag", "1.2.3",
                "imagePullSecrets[0].name", "ghcr-pull"));
        JsonNode fhir = rendered.one("Deployment", resourceName("fhir-service"));
        assertEquals(3, fhir.path("spec").path("replicas").asInt());
        assertEquals("fhir", fhir.path("spec").path("template").path("spec").path("nodeSelector").path("pool").asText());
        assertEquals("DEBUG", rendered.environment(rendered.container("fhir-service")).get("QUARKUS_LOG_LEVEL"));
        assertEquals("ghcr.io/tenfold/fhir-service:1.2.3", rendered.container("fhir-service").path("image").asText());
        assertEquals("ghcr-pull", fhir.path("spec").path("template").path("spec").path("imagePullSecrets").get(0)
                .path("name").asText());

        JsonNode auth = rendered.one("Deployment", resourceName("auth-service"));
        assertEquals(1, auth.path("spec").path("replicas").asInt());
        assertFalse(rendered.environment(rendered.container("auth-service")).containsKey("QUARKUS_LOG_LEVEL"));

        List<JsonNode> pdbs = rendered.ofKind("PodDisruptionBudget");
        assertEquals(1, pdbs.size());
        assertEquals(2, pdbs.get(0).path("spec").path("minAvailable").asInt());
        assertEquals("fhir-service",
                pdbs.get(0).path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/component")
                        .asText());
    }

    @Test
    void aDisabledServiceLeavesNoDeploymentServiceOrRoute() {
        Manifests rendered = TenfoldChart.templateWithCiValues(Map.of("bulkService.enabled", false));
        assertEquals(4, rendered.ofKind("Deployment").size());
        assertEquals(4, rendered.ofKind("Service").size());
        JsonNode paths = rendered.ofKind("Ingress").get(0).path("spec").path("rules").get(0).path("http").path("paths");
        for (JsonNode path : paths) {
            assertFalse(path.path("backend").path("service").path("name").asText().equals(resourceName("bulk-service")),
                    path.toString());
        }
    }

    @Test
    void notesExplainHowToCreateATenant() {
        Release release = new Helm(CHART).install().withName(TenfoldChart.RELEASE)
                .withNamespace(TenfoldChart.NAMESPACE).withValuesFile(CI_VALUES.toAbsolutePath())
                .dryRun().clientOnly().call();
        String notes = release.getOutput();
        assertTrue(notes.contains("curl -u operator:$SECRET -H 'Content-Type: application/json'"), notes);
        assertTrue(notes.contains("{\"resourceType\":\"Tenant\",\"id\":\"my-clinic\",\"name\":\"My Clinic\"}"), notes);
        assertTrue(notes.contains("BASE=" + ciValues.path("publicBaseUrl").asText()), notes);
        assertTrue(notes.contains("jsonpath='{.data.operator-secret}'"), notes);
    }

    private static void assertProbe(String service, JsonNode container, String probe, String path,
            Map<String, Integer> ports) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertEquals(path, httpGet.path("path").asText(), service + " " + probe);
        JsonNode port = httpGet.path("port");
        int number = port.isInt() ? port.asInt() : ports.getOrDefault(port.asText(), -1);
        assertEquals(8080, number, service + " " + probe + " port");
    }

    private static void assertNoErrorsOrWarnings(LintResult result) {
        for (String message : result.getMessages()) {
            assertFalse(message.contains("[ERROR]") || message.contains("[WARNING]"), message);
        }
    }

    private static Set<String> names(List<JsonNode> documents) {
        return documents.stream().map(d -> d.path("metadata").path("name").asText()).collect(Collectors.toSet());
    }
}
