package io.tenfold.helm;

import static io.tenfold.helm.TenfoldChart.SERVICES;
import static io.tenfold.helm.TenfoldChart.resourceName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenfold.helm.TenfoldChart.Manifests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hooks: the pre-upgrade migration Jobs and the {@code helm test} pod. helm-java's template returns the release
 * manifest without hooks, so these tests render a copy of the chart whose {@code helm.sh/hook*} annotations are
 * renamed {@code test.tenfold.io/hook*}, which makes the hooks ordinary manifests; nothing else changes.
 */
class HooksTest {

    private static final String HOOK = "test.tenfold.io/hook";

    private static Path chart;
    private static Manifests rendered;

    @BeforeAll
    static void render() {
        FakeKubeApi.get().reset();
        int[] renamed = {0};
        chart = TenfoldChart.copy("hooks-visible", (path, text) -> {
            if (path.startsWith("templates") && text.contains("helm.sh/hook")) {
                renamed[0]++;
                return text.replace("helm.sh/hook", HOOK);
            }
            return text;
        });
        assertEquals(2, renamed[0], "the migration Jobs and the test pod are the chart's hooks");
        rendered = TenfoldChart.template(chart, true, Map.of());
    }

    @Test
    void oneMigrationJobPerServiceRunsPreUpgradeOnly() {
        List<JsonNode> jobs = rendered.ofKind("Job");
        assertEquals(SERVICES.size(), jobs.size());
        for (String service : SERVICES.keySet()) {
            JsonNode annotations = job(service).path("metadata").path("annotations");
            assertEquals("pre-upgrade", annotations.path(HOOK).asText(), service);
            assertEquals("before-hook-creation,hook-succeeded", annotations.path(HOOK + "-delete-policy").asText());
            assertEquals("Never", job(service).path("spec").path("template").path("spec").path("restartPolicy")
                    .asText());
        }
    }

    @Test
    void aMigrationJobRunsTheServiceImageWithItsEnvironmentAndInitAndExit() {
        for (String service : SERVICES.keySet()) {
            JsonNode container = job(service).path("spec").path("template").path("spec").path("containers").get(0);
            JsonNode deploymentContainer = rendered.container(service);
            assertEquals(deploymentContainer.path("image"), container.path("image"), service);
            assertTrue(container.path("envFrom").isMissingNode(),
                    "hooks run before the new ConfigMap exists, so the Job inlines its settings");

            Map<String, String> env = rendered.environment(container);
            assertEquals("true", env.remove("QUARKUS_INIT_AND_EXIT"), service);
            assertEquals("true", env.remove("QUARKUS_FLYWAY_MIGRATE_AT_START"), service);
            assertEquals(rendered.environment(deploymentContainer), env, service + ": the same contract as the pods");

            assertEquals(deploymentContainer.path("securityContext"), container.path("securityContext"), service);
            JsonNode podSecurity = job(service).path("spec").path("template").path("spec").path("securityContext");
            assertTrue(podSecurity.path("runAsNonRoot").asBoolean(), service);
        }
    }

    @Test
    void migrationJobsCanBeTurnedOff() {
        Manifests off = TenfoldChart.template(chart, true, Map.of("migrations.job.enabled", false));
        assertTrue(off.ofKind("Job").isEmpty());
        assertEquals(SERVICES.size(), off.ofKind("Deployment").size());
    }

    @Test
    void theTestPodCallsEveryServicesReadinessEndpointAsNonRoot() {
        List<JsonNode> pods = rendered.ofKind("Pod");
        assertEquals(1, pods.size());
        JsonNode pod = pods.get(0);
        assertEquals("test", pod.path("metadata").path("annotations").path(HOOK).asText());

        JsonNode container = pod.path("spec").path("containers").get(0);
        List<String> command = new ArrayList<>();
        container.path("command").forEach(c -> command.add(c.asText()));
        for (String service : SERVICES.keySet()) {
            String url = "http://" + resourceName(service) + ":8080/q/health/ready";
            assertTrue(command.contains(url), "helm test calls " + url + ": " + command);
        }
        assertTrue(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertFalse(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
    }

    private static JsonNode job(String service) {
        return rendered.one("Job", resourceName(service) + "-migrate");
    }
}
