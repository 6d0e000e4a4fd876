package io.tenfold.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/** A pooled, keep-alive HTTP client for the bench (Vert.x), against one base URL. */
public final class Http implements AutoCloseable {

    /** A request that gets no byte for this long fails (a server that hangs must not hang the bench). */
    private static final long IDLE_TIMEOUT_MILLIS = 120_000;

    /** A response as the bench needs it. */
    public record Reply(int status, MultiMap headers, Buffer body) {

        public String text() {
            return body == null ? "" : body.toString(StandardCharsets.UTF_8);
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final URI base;

    public Http(Vertx vertx, String baseUrl, int connections) {
        this.vertx = vertx;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setDefaultHost(base.getHost()).setDefaultPort(port(base)).setSsl("https".equals(base.getScheme()))
                .setTrustAll(true).setVerifyHost(false), new PoolOptions().setHttp1MaxSize(connections));
    }

    /** The base URL, without a trailing slash. */
    public String baseUrl() {
        return base.toString();
    }

    public String basePath() {
        return base.getRawPath() == null ? "" : base.getRawPath();
    }

    /**
     * Sends on an event loop: a request sent from another thread may see its response arrive (and its body be
     * dropped, no handler being set yet) before the thread gets to ask for the body.
     */
    public Future<Reply> send(HttpMethod method, String path, MultiMap headers, Buffer body) {
        if (Context.isOnEventLoopThread()) {
            return sendNow(method, path, headers, body);
        }
        Promise<Reply> reply = Promise.promise();
        vertx.runOnContext(ignored -> sendNow(method, path, headers, body).onComplete(reply));
        return reply.future();
    }

    private Future<Reply> sendNow(HttpMethod method, String path, MultiMap headers, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(basePath() + path)
                .setHeaders(headers == null ? MultiMap.caseInsensitiveMultiMap() : headers)
                .setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(buffer -> new Reply(response.statusCode(),
                        response.headers(), buffer)));
    }

    public static MultiMap headers(String... nameValues) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null) {
                headers.add(nameValues[i], nameValues[i + 1]);
            }
        }
        return headers;
    }

    public static Buffer form(Map<String, String> params) {
        return Buffer.buffer(params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Blocks the calling (main) thread until {@code future} completes; its failure is thrown as it is. */
    public static <T> T await(Future<T> future, Duration within) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer within " + within);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        client.close();
    }

    public Vertx vertx() {
        return vertx;
    }
}
