package io.tenfold.local.router;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The one HTTP entry point of the local runner: a reverse proxy (Vert.x HTTP proxy) that sends each request to
 * the service the {@link RouteTable} names, as the cluster's ingress does. Paths that try to climb out of their
 * route ({@code ..}, encoded dots or slashes) are refused before routing.
 */
public final class Router implements AutoCloseable {

    private static final Pattern UNSAFE = Pattern.compile("(^|/)\\.{1,2}(/|$)|%2e|%2f|%5c|\\\\");
    private static final String FHIR_JSON = "application/fhir+json;charset=utf-8";
    /** The services' HTTP hard stop for a body. */
    static final long MAX_BODY = 16L * 1024 * 1024;
    /** How much of a refused body is read to answer the client properly. */
    private static final long DRAIN_LIMIT = 128L * 1024 * 1024;

    private final Vertx vertx;
    private final RouteTable table;
    private final Map<String, HttpProxy> proxies = new HashMap<>();
    private HttpServer server;

    public Router(Vertx vertx, RouteTable table, Map<String, Integer> servicePorts) {
        this.vertx = vertx;
        this.table = table;
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setMaxInitialLineLength(16384), new PoolOptions().setHttp1MaxSize(64));
        servicePorts.forEach((service, port) -> proxies.put(service,
                HttpProxy.reverseProxy(client).origin(port, "127.0.0.1").addInterceptor(new Forwarded())));
    }

    /** Listens on {@code port} of every interface; completes once bound. */
    public Future<HttpServer> listen(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(16384)
                .setCompressionSupported(false));
        return server.requestHandler(this::route).listen(port, host);
    }

    private void route(HttpServerRequest request) {
        String path = request.path();
        if (path == null || UNSAFE.matcher(path.toLowerCase(Locale.ROOT)).find()) {
            reply(request, 400, "invalid", "path-invalid", "Path segments '.' and '..' and encoded slashes are refused");
            return;
        }
        HttpProxy proxy = table.serviceFor(path).map(proxies::get).orElse(null);
        if (proxy == null) {
            reply(request, 404, "not-found", "route-unknown", "No such route");
            return;
        }
        if (announcedSize(request) > MAX_BODY) {
            refuseOversizedBody(request);
            return;
        }
        proxy.handle(request);
    }

    /**
     * A body announced larger than the services' HTTP hard stop ({@code quarkus.http.limits.max-body-size}) is
     * refused here with an OperationOutcome, as an ingress's body limit would, instead of being streamed to a
     * service that closes the connection half-way (which the client would see as a 503 to retry). The body is read
     * and dropped first, so that the client, still sending, gets the answer; past {@link #DRAIN_LIMIT} the
     * connection is closed.
     */
    private static void refuseOversizedBody(HttpServerRequest request) {
        long[] drained = {0};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_LIMIT) {
                request.connection().close();
            }
        });
        request.endHandler(end -> reply(request, 413, "too-long", "body-too-large",
                "The request body is larger than " + MAX_BODY + " bytes"));
    }

    private static long announcedSize(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null || !length.trim().matches("\\d{1,18}")) {
            return -1;
        }
        return Long.parseLong(length.trim());
    }

    private static void reply(HttpServerRequest request, int status, String issue, String code, String text) {
        request.response().setStatusCode(status).putHeader("Content-Type", FHIR_JSON)
                .end(outcome(issue, code, text));
    }

    private static String outcome(String issue, String code, String text) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
                + issue + "\",\"details\":{\"coding\":[{\"system\":\"https://tenfold.io/fhir/CodeSystem/error\","
                + "\"code\":\"" + code + "\"}]},\"diagnostics\":\"" + text + "\"}]}";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Tells the services who really called, as an ingress controller does; a service that cannot be reached is a
     * 503 OperationOutcome, as ARCHITECTURE.md asks of a dependency that is down.
     */
    private static final class Forwarded implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest original = context.request().proxiedRequest();
            var headers = context.request().headers();
            headers.set("X-Forwarded-For", original.remoteAddress() == null ? "" : original.remoteAddress().host());
            headers.set("X-Forwarded-Proto", original.scheme() == null ? "http" : original.scheme());
            if (original.authority() != null) {
                headers.set("X-Forwarded-Host", original.authority().toString());
            }
            return context.sendRequest().recover(failure -> {
                ProxyResponse unavailable = context.request().response().setStatusCode(503)
                        .setStatusMessage("Service Unavailable");
                unavailable.headers().set("Content-Type", FHIR_JSON).set("Retry-After", "5");
                unavailable.setBody(Body.body(Buffer.buffer(outcome("transient", "service-unavailable",
                        "The service is not reachable right now; try again shortly"))));
                return Future.succeededFuture(unavailable);
            });
        }
    }
}
