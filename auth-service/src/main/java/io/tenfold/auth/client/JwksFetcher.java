package io.tenfold.auth.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * The key sets clients publish at their {@code jwks_uri}: fetched with a short timeout and a size cap, kept five
 * minutes, and never containing private keys (those are dropped).
 */
@ApplicationScoped
public class JwksFetcher {

    private static final Logger LOG = Logger.getLogger(JwksFetcher.class);
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_BYTES = 64 * 1024;

    private record Fetched(JWKSet keys, long at) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Fetched> cache = new ConcurrentHashMap<>();

    /** The key set at {@code uri}, or null when it cannot be had. */
    public JWKSet fetch(String uri) {
        if (uri == null) {
            return null;
        }
        Fetched cached = cache.get(uri);
        if (cached != null && System.nanoTime() - cached.at() < TTL.toNanos()) {
            return cached.keys();
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return null;
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    return null;
                }
                JWKSet keys = JWKSet.parse(new String(bytes, StandardCharsets.UTF_8)).toPublicJWKSet();
                cache.put(uri, new Fetched(keys, System.nanoTime()));
                return keys;
            }
        } catch (IOException | ParseException | IllegalArgumentException e) {
            LOG.debugf("Client key set at %s not usable: %s", uri, e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
