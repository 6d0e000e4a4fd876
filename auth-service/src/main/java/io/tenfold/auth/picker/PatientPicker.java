package io.tenfold.auth.picker;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.tenfold.auth.token.AccessTokens;
import io.tenfold.auth.token.Issuer;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The provider standalone launch's patient picker: it searches the tenant's Patients through the provider FHIR API
 * (fhir-service), as the signed-in provider using the launching app, with a token of its own: {@code
 * user/Patient.rs}, one minute, never leaving this service. fhir-service therefore applies the app's access
 * policies to the picker as to the app itself. A pick is checked by reading the Patient, so only a patient that
 * exists in the tenant can become the launch context.
 */
@ApplicationScoped
public class PatientPicker {

    /** What the picker found, or why it could not look. */
    public record Lookup(List<PatientChoice> patients, String problem) {

        static Lookup unavailable(String problem) {
            return new Lookup(List.of(), problem);
        }
    }

    public static final int PAGE = 20;
    private static final Logger LOG = Logger.getLogger(PatientPicker.class);
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long TOKEN_SECONDS = 60;
    private static final String UNAVAILABLE = "Patient search is unavailable right now; try again in a moment.";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final Optional<String> fhirUrl;
    private final String baseUrl;
    private final AccessTokens tokens;

    public PatientPicker(FhirApiConfig fhir, PlatformConfig platform, AccessTokens tokens) {
        this.fhirUrl = fhir.url().map(url -> url.replaceAll("/+$", ""));
        this.baseUrl = platform.publicBaseUrl();
        this.tokens = tokens;
    }

    /** The tenant's patients whose name matches {@code query} (all when blank), by family and given name. */
    public Lookup search(TenantId tenant, String userId, String clientId, String query) {
        StringBuilder path = new StringBuilder("/Patient?_count=").append(PAGE).append("&_sort=family,given");
        if (query != null && !query.isBlank()) {
            path.append("&name=").append(URLEncoder.encode(query.trim(), StandardCharsets.UTF_8));
        }
        Answer answer = get(tenant, userId, clientId, path.toString());
        if (answer.problem() != null) {
            return Lookup.unavailable(answer.problem());
        }
        List<PatientChoice> found = new ArrayList<>();
        JsonArray entries = answer.body() == null ? new JsonArray()
                : answer.body().getJsonArray("entry", new JsonArray());
        for (int i = 0; i < entries.size(); i++) {
            JsonObject resource = entries.getJsonObject(i).getJsonObject("resource");
            if (resource != null && "Patient".equals(resource.getString("resourceType"))) {
                found.add(PatientChoice.of(resource));
            }
        }
        return new Lookup(found, null);
    }

    /** The patient with this id if it exists in the tenant (and the app may see it); no patients otherwise. */
    public Lookup find(TenantId tenant, String userId, String clientId, String id) {
        if (id == null || !FHIR_ID.matcher(id.trim()).matches()) {
            return new Lookup(List.of(), null);
        }
        Answer answer = get(tenant, userId, clientId, "/Patient/" + id.trim());
        if (answer.problem() != null) {
            return Lookup.unavailable(answer.problem());
        }
        return new Lookup(answer.body() == null ? List.of() : List.of(PatientChoice.of(answer.body())), null);
    }

    /** fhir-service's JSON answer; no body and no problem: not there. */
    private record Answer(JsonObject body, String problem) {
    }

    private Answer get(TenantId tenant, String userId, String clientId, String path) {
        if (fhirUrl.isEmpty()) {
            return new Answer(null, UNAVAILABLE);
        }
        Issuer issuer = Issuer.of(baseUrl, tenant, Audience.PROVIDER);
        String token = tokens.issue(issuer, userId, clientId, "user/Patient.rs", TOKEN_SECONDS, Map.of()).value();
        String url = fhirUrl.get() + TenantPaths.PREFIX + tenant.value() + "/provider/smart-api" + path;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").GET()
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return switch (response.statusCode()) {
                case 200 -> new Answer(new JsonObject(response.body()), null);
                case 404, 410 -> new Answer(null, null);
                case 403 -> new Answer(null, "This app is not allowed to look up patients in this clinic.");
                default -> {
                    LOG.warnf("patient picker: fhir-service answered %d for tenant %s", response.statusCode(),
                            tenant.value());
                    yield new Answer(null, UNAVAILABLE);
                }
            };
        } catch (IOException | DecodeException | IllegalArgumentException e) {
            LOG.warnf("patient picker: fhir-service unreachable for tenant %s: %s", tenant.value(), e.toString());
            return new Answer(null, UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, UNAVAILABLE);
        }
    }
}
