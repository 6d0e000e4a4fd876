package io.tenfold.local.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The route table of ARCHITECTURE.md, read from {@code routes.yaml}: the same file the Helm chart renders into
 * its Ingress. A route's path matches itself and everything below it, segment by segment; {@code *} stands for
 * exactly one segment (the tenant id).
 */
public final class RouteTable {

    /** One route: path segments and the service that serves them. */
    public record Route(String path, String service) {

        boolean matches(String[] request) {
            String[] own = path.substring(1).split("/");
            if (request.length < own.length) {
                return false;
            }
            for (int i = 0; i < own.length; i++) {
                if (own[i].equals("*") ? request[i].isEmpty() : !own[i].equals(request[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The table packaged with the runner (copied from {@code deploy/helm/tenfold/routes.yaml} at build). */
    public static RouteTable packaged() {
        try (InputStream in = RouteTable.class.getResourceAsStream("routes.yaml")) {
            if (in == null) {
                throw new IllegalStateException("routes.yaml is not packaged with the runner");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RouteTable parse(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<Route> routes = new ArrayList<>();
        for (JsonNode route : root.path("routes")) {
            routes.add(new Route(route.path("path").asText(), route.path("service").asText()));
        }
        return new RouteTable(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    /** The service that serves a request path, if any. */
    public Optional<String> serviceFor(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        String[] segments = path.substring(1).split("/", -1);
        return routes.stream().filter(route -> route.matches(segments)).map(Route::service).findFirst();
    }
}
