package io.tenfold.portal.invite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Accepts an invitation at tenant-service ({@code POST /User/$accept-invite}): the ticket is the credential. */
@ApplicationScoped
public class InviteAcceptance {

    /** How it went, as the invited person should hear it. */
    public enum Outcome {
        ACCEPTED, INVALID_TICKET, WEAK_PASSWORD, UNAVAILABLE
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final RegistryConfig registry;

    public InviteAcceptance(RegistryConfig registry) {
        this.registry = registry;
    }

    public Outcome accept(String ticket, String password) {
        if (registry.url().isEmpty()) {
            return Outcome.UNAVAILABLE;
        }
        ObjectNode body = JSON.createObjectNode().put("ticket", ticket).put("password", password);
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                    URI.create(registry.url().get().replaceAll("/+$", "") + "/User/$accept-invite"))
                    .timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
            return switch (response.statusCode()) {
                case 200 -> Outcome.ACCEPTED;
                case 400, 404 -> Outcome.INVALID_TICKET;
                case 422 -> Outcome.WEAK_PASSWORD;
                default -> Outcome.UNAVAILABLE;
            };
        } catch (IOException e) {
            return Outcome.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.UNAVAILABLE;
        }
    }
}
