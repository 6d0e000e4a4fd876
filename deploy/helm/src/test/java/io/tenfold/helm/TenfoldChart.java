package io.tenfold.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart under test, rendered with the real Helm engine (helm-java) and read back with Jackson YAML.
 * Paths are relative to the module directory, surefire's working directory.
 */
final class TenfoldChart {

    static final Path CHART = Path.of("tenfold");
    static final Path CI_VALUES = CHART.resolve("ci/ci-values.yaml");
    static final String RELEASE = "tenfold";
    static final String NAMESPACE = "tenfold";

    /** service name -> short name (database role, schema, Secret key prefix). */
    static final Map<String, String> SERVICES = orderedMap(
            "tenant-service", "tenant",
            "auth-service", "auth",
            "fhir-service", "fhir",
            "portal-service", "portal",
            "bulk-service", "bulk");

    static final ObjectMapper YAML = new YAMLMapper();

    private TenfoldChart() {
    }

    /** Renders the chart with ci/ci-values.yaml and the given --set values. */
    static Manifests templateWithCiValues(Map<String, ?> set) {
        return template(CHART, true, set);
    }

    static Manifests template(Path chart, boolean ciValues, Map<String, ?> set) {
        FakeKubeApi.get();
        TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (ciValues) {
            command = command.withValuesFile(CI_VALUES.toAbsolutePath());
        }
        for (Map.Entry<String, ?> entry : set.entrySet()) {
            command = command.set(entry.getKey(), entry.getValue());
        }
        return Manifests.parse(command.call());
    }

    /** A YAML file of the chart (or any file), as a tree. */
    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the chart to {@code target/charts/<name>/tenfold}, passing every file's text through {@code edit}
     * (path relative to the chart, text) and returns the copy's path.
     */
    static Path copy(String name, FileEdit edit) {
        Path target = Path.of("target", "charts", name, "tenfold");
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    old.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path relative = CHART.relativize(source);
                    Path destination = target.resolve(relative.toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.writeString(destination, edit.apply(relative.toString(), Files.readString(source)));
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deep merge of YAML trees as Helm merges values files: maps recursively, everything else replaced. */
    static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode baseObject) || !override.isObject()) {
            return override.deepCopy();
        }
        ObjectNode merged = baseObject.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = merged.get(field.getKey());
            merged.set(field.getKey(), existing == null ? field.getValue().deepCopy() : merge(existing, field.getValue()));
        }
        return merged;
    }

    static String resourceName(String service) {
        return RELEASE + "-" + service;
    }

    @FunctionalInterface
    interface FileEdit {
        String apply(String relativePath, String text);

        static FileEdit none() {
            return (path, text) -> text;
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The documents of a rendering. */
    record Manifests(List<JsonNode> documents) {

        static Manifests parse(String yaml) {
            List<JsonNode> documents = new ArrayList<>();
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class)
                    .readValues(new YAMLFactory().createParser(yaml))) {
                while (it.hasNext()) {
                    JsonNode document = it.next();
                    if (document != null && document.isObject() && !document.isEmpty()) {
                        documents.add(document);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("rendered YAML does not parse:\n" + yaml, e);
            }
            return new Manifests(List.copyOf(documents));
        }

        List<JsonNode> ofKind(String kind) {
            return filter(d -> kind.equals(d.path("kind").asText()));
        }

        List<JsonNode> filter(Predicate<JsonNode> predicate) {
            return documents.stream().filter(predicate).toList();
        }

        JsonNode one(String kind, String name) {
            List<JsonNode> found = filter(d -> kind.equals(d.path("kind").asText())
                    && name.equals(d.path("metadata").path("name").asText()));
            if (found.size() != 1) {
                throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size());
            }
            return found.get(0);
        }

        /** The only container of a service's Deployment. */
        JsonNode container(String service) {
            JsonNode containers = one("Deployment", resourceName(service)).path("spec").path("template").path("spec")
                    .path("containers");
            if (containers.size() != 1) {
                throw new AssertionError(service + " should have one container, has " + containers.size());
            }
            return containers.get(0);
        }

        /**
         * The environment a container sees: its envFrom ConfigMaps (resolved from this rendering), then its env.
         * Values are the literal value, or {@code secret:<name>/<key>} for a secretKeyRef.
         */
        Map<String, String> environment(JsonNode container) {
            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode from : container.path("envFrom")) {
                JsonNode ref = from.path("configMapRef");
                if (ref.isMissingNode()) {
                    throw new AssertionError("only configMapRef is expected in envFrom: " + from);
                }
                one("ConfigMap", ref.path("name").asText()).path("data").fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            }
            for (JsonNode var : container.path("env")) {
                env.put(var.path("name").asText(), describe(var));
            }
            return env;
        }

        static String describe(JsonNode var) {
            JsonNode secret = var.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode()) {
                return "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText();
            }
            if (var.has("valueFrom")) {
                return "from:" + var.path("valueFrom");
            }
            return var.path("value").asText();
        }
    }
}
