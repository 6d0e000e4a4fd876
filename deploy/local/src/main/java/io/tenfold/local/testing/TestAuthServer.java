package io.tenfold.local.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for auth-service's JWKS endpoints in this module's tests: every tenant and audience gets its own ES256
 * key, published at {@code /tenant/{t}/{audience}/auth/jwks} exactly where fhir-service fetches it. Tests mint
 * tokens with these keys ({@link TestTokens}) and fhir-service verifies them through its real path.
 */
public final class TestAuthServer {

    private static final Pattern JWKS = Pattern.compile("/tenant/([^/]+)/(patient|provider)/auth/jwks");
    private static TestAuthServer instance;

    private final HttpServer server;
    private final Map<String, EllipticCurveJsonWebKey> keys = new ConcurrentHashMap<>();

    private TestAuthServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Matcher m = JWKS.matcher(exchange.getRequestURI().getPath());
            byte[] body;
            int status;
            if (m.matches()) {
                body = new JsonWebKeySet(key(m.group(1), m.group(2)))
                        .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
                status = 200;
            } else {
                body = "{}".getBytes(StandardCharsets.UTF_8);
                status = 404;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static synchronized TestAuthServer get() {
        if (instance == null) {
            instance = new TestAuthServer();
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The signing key of a tenant's audience. */
    public EllipticCurveJsonWebKey key(String tenant, String audience) {
        return keys.computeIfAbsent(tenant + "/" + audience, k -> {
            try {
                EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
                jwk.setKeyId("test-" + k.replace('/', '-'));
                jwk.setUse("sig");
                jwk.setAlgorithm("ES256");
                return jwk;
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
