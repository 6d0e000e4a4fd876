package io.tenfold.tenant.rpc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenfold.commons.error.ServiceUnavailableException;
import io.tenfold.tenant.operator.OperatorConfig;

/**
 * Asks auth-service to mint an EHR launch ({@code POST /auth/launch}, as the bootstrap operator): auth-service
 * holds the tenants' signing keys and its own view of users and clients, which it checks. Five seconds at most;
 * auth-service being away is a 503.
 */
@ApplicationScoped
public class LaunchUriClient {

    /** auth-service's answer: its status and JSON body, passed on as they are. */
    public record Answer(int status, JsonNode body) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final AuthServiceConfig auth;
    private final String authorization;

    public LaunchUriClient(AuthServiceConfig auth, OperatorConfig operator) {
        this.auth = auth;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (operator.clientId() + ":" + operator.secret()).getBytes(StandardCharsets.UTF_8));
    }

    public Uni<Answer> mint(JsonNode request) {
        String url = auth.url().orElseThrow(() -> new ServiceUnavailableException("auth-url-missing",
                "Launch URIs are unavailable: TENFOLD_AUTH_URL is not configured"));
        return Uni.createFrom().item(() -> send(url.replaceAll("/+$", "") + "/auth/launch", request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Answer send(String url, JsonNode request) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new ServiceUnavailableException("auth-unavailable", "auth-service cannot be reached; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("auth-unavailable", "auth-service cannot be reached; try again");
        }
    }
}
