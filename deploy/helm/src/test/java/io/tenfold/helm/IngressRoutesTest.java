package io.tenfold.helm;

import static io.tenfold.helm.TenfoldChart.CHART;
import static io.tenfold.helm.TenfoldChart.resourceName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenfold.helm.TenfoldChart.Manifests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Ingress is rendered from routes.yaml, the table the local runner serves too: one regex path per route, to
 * the route's Service, matching the route's path and everything below it.
 */
class IngressRoutesTest {

    /** A route of routes.yaml and what the Ingress made of it. */
    record Rendered(String routePath, String routeService, Pattern regex, String backend, int port) {
    }

    private static List<Rendered> routes;
    private static JsonNode ingress;
    private static JsonNode ciValues;

    @BeforeAll
    static void render() {
        FakeKubeApi.get().reset();
        Manifests manifests = TenfoldChart.templateWithCiValues(Map.of());
        List<JsonNode> ingresses = manifests.ofKind("Ingress");
        assertEquals(1, ingresses.size());
        ingress = ingresses.get(0);
        ciValues = TenfoldChart.readYaml(TenfoldChart.CI_VALUES);

        JsonNode table = TenfoldChart.readYaml(CHART.resolve("routes.yaml")).path("routes");
        JsonNode paths = ingress.path("spec").path("rules").get(0).path("http").path("paths");
        assertTrue(table.size() > 0, "routes.yaml has routes");
        assertEquals(table.size(), paths.size(), "one Ingress path per route of routes.yaml");

        routes = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            JsonNode path = paths.get(i);
            routes.add(new Rendered(table.get(i).path("path").asText(), table.get(i).path("service").asText(),
                    Pattern.compile(path.path("path").asText()),
                    path.path("backend").path("service").path("name").asText(),
                    path.path("backend").path("service").path("port").path("number").asInt()));
        }
    }

    @Test
    void theIngressUsesIngressNginxRegexPathsOnTheConfiguredHostWithTls() {
        assertEquals("true", ingress.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/use-regex")
                .asText());
        assertEquals("nginx", ingress.path("spec").path("ingressClassName").asText());
        assertEquals("fhir.ci.tenfold.test", ingress.path("spec").path("rules").get(0).path("host").asText());
        assertEquals(ciValues.path("ingress").path("tls"), ingress.path("spec").path("tls"));
        for (JsonNode path : ingress.path("spec").path("rules").get(0).path("http").path("paths")) {
            assertEquals("ImplementationSpecific", path.path("pathType").asText(), path.toString());
        }
    }

    @Test
    void everyRoutePointsToItsServiceOnTheServicePort() {
        for (Rendered route : routes) {
            assertEquals(resourceName(route.routeService()), route.backend(), route.routePath());
            assertEquals(8080, route.port(), route.routePath());
        }
    }

    @Test
    void pathsAreAnchoredRegexesWithTheTenantSegment() {
        assertEquals("^/tenant/[a-z0-9][a-z0-9-]*/patient/smart-api(/|$)",
                route("/tenant/*/patient/smart-api").regex().pattern());
        assertEquals("^/Tenant(/|$)", route("/Tenant").regex().pattern());
        for (Rendered route : routes) {
            assertTrue(route.regex().pattern().startsWith("^") && route.regex().pattern().endsWith("(/|$)"),
                    route.regex().pattern());
        }
    }

    @Test
    void everyRouteMatchesItsPathAndEverythingBelowIt() {
        for (Rendered route : routes) {
            String path = example(route.routePath());
            for (String request : List.of(path, path + "/", path + "/metadata", path + "/a/b?x=1")) {
                assertTrue(route.regex().matcher(request).find(), route.regex() + " should match " + request);
                assertEquals(Optional.of(route.routeService()), serviceFor(request), request);
            }
        }
        assertTrue(route("/tenant/*/patient/smart-api").regex().matcher("/tenant/my-clinic/patient/smart-api/metadata")
                .find());
    }

    @Test
    void routesDoNotMatchNeighbours() {
        Pattern patientApi = route("/tenant/*/patient/smart-api").regex();
        for (String request : List.of("/tenant/my-clinic/other", "/tenant/my-clinic/patient/smart-apix",
                "/tenant/my-clinic/patient", "/tenant//patient/smart-api", "/tenant/a/b/patient/smart-api",
                "/tenant/-x/patient/smart-api", "/x/tenant/my-clinic/patient/smart-api")) {
            assertFalse(patientApi.matcher(request).find(), patientApi + " should not match " + request);
        }
        for (String request : List.of("/", "/tenant/my-clinic/other", "/Tenants", "/rpcx", "/authorize",
                "/q/health", "/tenant/My_Clinic/patient/smart-api")) {
            assertEquals(Optional.empty(), serviceFor(request), request);
        }
    }

    @Test
    void ingressNginxOrderingRoutesEveryExampleToItsService() {
        // ingress-nginx sorts regex locations longest first and matches them case-insensitively (~*); the first
        // match wins. Under those rules too, every route's requests reach its service.
        List<Rendered> nginxOrder = new ArrayList<>(routes);
        nginxOrder.sort(Comparator.comparingInt((Rendered r) -> r.regex().pattern().length()).reversed());
        for (Rendered route : routes) {
            String request = example(route.routePath()) + "/metadata";
            Optional<String> chosen = nginxOrder.stream()
                    .filter(r -> Pattern.compile(r.regex().pattern(), Pattern.CASE_INSENSITIVE).matcher(request).find())
                    .map(Rendered::routeService).findFirst();
            assertEquals(Optional.of(route.routeService()), chosen, request);
        }
    }

    /** The service whose route matches, exactly as written (there must not be two). */
    private static Optional<String> serviceFor(String request) {
        List<Rendered> matching = routes.stream().filter(r -> r.regex().matcher(request).find()).toList();
        assertTrue(matching.size() <= 1, request + " matches several routes: " + matching);
        return matching.stream().map(Rendered::routeService).findFirst();
    }

    private static Rendered route(String path) {
        return routes.stream().filter(r -> r.routePath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("routes.yaml has no route " + path));
    }

    private static String example(String routePath) {
        return routePath.replace("*", "my-clinic");
    }
}
