package io.tenfold.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * The {@code Authorization} header of the bench's FHIR requests: none, a token given on the command line, or a
 * backend service's {@code client_credentials} token that is renewed, without pausing the load, once two thirds
 * of its lifetime have passed (the old one serves until the new one arrives).
 */
final class AccessToken {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Http http;
    private final String tokenPath;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final PrintStream log;
    private final AtomicBoolean renewing = new AtomicBoolean();
    private volatile String header;
    private volatile long renewAt = Long.MAX_VALUE;

    private AccessToken(String header, Http http, String tokenPath, String clientId, String clientSecret,
            String scope, PrintStream log) {
        this.header = header;
        this.http = http;
        this.tokenPath = tokenPath;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.log = log;
    }

    /** No {@code Authorization} header. */
    static AccessToken none() {
        return new AccessToken(null, null, null, null, null, null, null);
    }

    /** {@code Authorization: Bearer token}, unchanged for the whole run. */
    static AccessToken fixed(String token) {
        return new AccessToken("Bearer " + token, null, null, null, null, null, null);
    }

    /** The token endpoint answered, but not with a token (e.g. 401 {@code invalid_client}). */
    static final class Refused extends IllegalStateException {

        Refused(String message) {
            super(message);
        }
    }

    /**
     * A {@code client_credentials} token from {@code tokenPath} of {@code http}, authenticating with HTTP Basic;
     * waits (up to 30 s) until the authorization server issues one. {@code waitForClient}: a refusal is retried
     * too (a client just registered reaches the authorization server within seconds); otherwise it fails at once.
     */
    static AccessToken clientCredentials(Http http, String tokenPath, String clientId, String clientSecret,
            String scope, boolean waitForClient, PrintStream log) throws Exception {
        AccessToken token = new AccessToken(null, http, tokenPath, clientId, clientSecret, scope, log);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (true) {
            try {
                Http.await(token.renew(), Duration.ofSeconds(10));
                return token;
            } catch (Refused e) {
                if (!waitForClient) {
                    throw new IllegalStateException("no token for " + clientId + ": " + e.getMessage());
                }
                last = e.getMessage();
            } catch (Exception e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no token for " + clientId + " within " + WAIT + ": " + last);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** The header's value, or null for none; starts a renewal when one is due. */
    String header() {
        if (System.nanoTime() >= renewAt && renewing.compareAndSet(false, true)) {
            renew().onComplete(done -> renewing.set(false));
        }
        return header;
    }

    private Future<Void> renew() {
        long asked = System.nanoTime();
        return http.send(HttpMethod.POST, tokenPath, Http.headers("Authorization", Http.basic(clientId,
                clientSecret), "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                Http.form(Map.of("grant_type", "client_credentials", "scope", scope))).compose(reply -> {
                    if (reply.status() != 200) {
                        return Future.failedFuture(new Refused("token endpoint " + tokenPath + " → "
                                + reply.status() + ": " + reply.text()));
                    }
                    JsonObject body = new JsonObject(reply.body());
                    String token = body.getString("access_token");
                    if (token == null) {
                        return Future.failedFuture(new IllegalStateException("no access_token in " + reply.text()));
                    }
                    long lifetime = TimeUnit.SECONDS.toNanos(body.getLong("expires_in", 300L));
                    header = "Bearer " + token;
                    renewAt = asked + lifetime * 2 / 3;
                    return Future.<Void>succeededFuture();
                }).onFailure(failure -> {
                    if (header != null) {
                        log.println("token renewal failed (retrying in 1 s): " + failure.getMessage());
                        renewAt = System.nanoTime() + RETRY_NANOS;
                    }
                });
    }
}
