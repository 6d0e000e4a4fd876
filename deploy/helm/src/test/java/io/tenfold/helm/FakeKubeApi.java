package io.tenfold.helm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The smallest Kubernetes API server Helm's {@code lookup} needs: discovery of {@code /api/v1} and GET of a Secret,
 * which is 404 unless a test put one in. helm-java (0.0.15, and still in later versions) renders templates with
 * dry-run "none", so {@code lookup} talks to the cluster of the kubeconfig even for {@code Helm.template}; without
 * this server it would dial the default {@code localhost:8080} and fail, or worse, reach whatever listens there.
 *
 * <p>One server per JVM. Surefire sets {@code KUBECONFIG} to a file in {@code target/}; the server writes its own
 * address there when it starts, before the native Helm library reads it.
 */
final class FakeKubeApi {

    private static FakeKubeApi instance;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> secrets = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private FakeKubeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The server, started on first use, with the kubeconfig of {@code KUBECONFIG} pointing at it. */
    static synchronized FakeKubeApi get() {
        if (instance == null) {
            String kubeconfig = System.getenv("KUBECONFIG");
            if (kubeconfig == null || kubeconfig.isBlank()) {
                throw new IllegalStateException(
                        "KUBECONFIG is not set: run the tests through Maven (surefire points it into target/)");
            }
            try {
                instance = new FakeKubeApi();
                instance.writeKubeconfig(Path.of(kubeconfig));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private void writeKubeconfig(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String server = "http://127.0.0.1:" + this.server.getAddress().getPort();
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: fake
                    cluster:
                      server: %s
                contexts:
                  - name: fake
                    context:
                      cluster: fake
                      user: fake
                current-context: fake
                users:
                  - name: fake
                    user: {}
                """.formatted(server));
    }

    /** Makes a Secret exist in the "cluster" with the given (already base64) data. */
    void putSecret(String namespace, String name, Map<String, String> base64Data) {
        ObjectNode secret = json.createObjectNode();
        secret.put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", name).put("namespace", namespace);
        secret.put("type", "Opaque");
        ObjectNode data = secret.putObject("data");
        base64Data.forEach(data::put);
        secrets.put(namespace + "/" + name, secret);
    }

    void reset() {
        secrets.clear();
        requests.clear();
    }

    /** Paths requested so far (without query). */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        String[] segments = path.split("/");
        if (!"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, status(405, "MethodNotAllowed", "the fake API server only reads"));
        } else if (path.equals("/api/v1")) {
            ObjectNode list = json.createObjectNode();
            list.put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", "v1");
            ObjectNode secret = list.putArray("resources").addObject();
            secret.put("name", "secrets").put("singularName", "secret").put("namespaced", true).put("kind", "Secret");
            secret.putArray("verbs").add("get").add("list");
            respond(exchange, 200, list);
        } else if (segments.length == 7 && path.startsWith("/api/v1/namespaces/") && segments[5].equals("secrets")) {
            ObjectNode secret = secrets.get(segments[4] + "/" + segments[6]);
            if (secret == null) {
                respond(exchange, 404, status(404, "NotFound", "secrets \"" + segments[6] + "\" not found"));
            } else {
                respond(exchange, 200, secret);
            }
        } else {
            respond(exchange, 404, status(404, "NotFound", "the fake API server does not serve " + path));
        }
    }

    private ObjectNode status(int code, String reason, String message) {
        ObjectNode status = json.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure");
        status.put("message", message).put("reason", reason).put("code", code);
        status.putObject("metadata");
        return status;
    }

    private void respond(HttpExchange exchange, int code, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
