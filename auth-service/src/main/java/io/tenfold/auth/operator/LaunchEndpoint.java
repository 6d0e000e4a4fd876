package io.tenfold.auth.operator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.Blocking;
import io.tenfold.auth.authorize.LaunchTokens;
import io.tenfold.auth.client.ClientDirectory;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.auth.token.Issuer;
import io.tenfold.auth.user.UserDirectory;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.UnprocessableEntityException;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.projection.TenantDirectory;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;

/**
 * Mints the {@code launch} of an EHR launch for an operator (tenant-service's {@code smart/get-launch-uri} RPC
 * calls it): for one app, one user and a context, a launch URI the EHR opens.
 */
@Path("/auth/launch")
public class LaunchEndpoint {

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final OperatorAuthentication operators;
    private final TenantDirectory tenants;
    private final ClientDirectory clients;
    private final UserDirectory users;
    private final LaunchTokens launches;
    private final String baseUrl;

    public LaunchEndpoint(OperatorAuthentication operators, TenantDirectory tenants, ClientDirectory clients,
            UserDirectory users, LaunchTokens launches, PlatformConfig platform) {
        this.operators = operators;
        this.tenants = tenants;
        this.clients = clients;
        this.users = users;
        this.launches = launches;
        this.baseUrl = platform.publicBaseUrl();
    }

    /** Body: {@code {tenant, audience?, client, user, ctx: {patient?, encounter?}}}. */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode launch(JsonNode body, @Context HttpHeaders headers) {
        operators.authenticate(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        String tenantValue = text(body, "tenant");
        if (!TenantId.isValid(tenantValue) || !tenants.isActive(tenantValue)) {
            throw invalid("launch-tenant-unknown", "No such tenant", "tenant");
        }
        TenantId tenant = new TenantId(tenantValue);
        String audienceValue = body.hasNonNull("audience") ? text(body, "audience") : "provider";
        Audience audience = Audience.fromSegment(audienceValue)
                .orElseThrow(() -> invalid("launch-audience-invalid", "audience is patient or provider", "audience"));
        RegisteredClient client = clients.find(tenantValue, text(body, "client")).filter(RegisteredClient::active)
                .filter(c -> c.hasGrant("authorization_code") && c.servesAudience(audience))
                .orElseThrow(() -> invalid("launch-client-unknown", "No such app for this tenant and audience",
                        "client"));
        String launchUri = client.state().launchUri();
        if (launchUri == null) {
            throw invalid("launch-uri-missing", "The app has no smart.launch_uri", "client");
        }
        UserState user = users.byId(tenantValue, text(body, "user")).filter(UserState::active)
                .filter(u -> u.hasRole(audience == Audience.PATIENT ? "patient" : "provider"))
                .orElseThrow(() -> invalid("launch-user-unknown", "No such user for this tenant and audience", "user"));
        Map<String, Object> ctx = new LinkedHashMap<>();
        JsonNode given = body.path("ctx");
        for (String key : new String[] { "patient", "encounter" }) {
            if (given.hasNonNull(key)) {
                String id = given.get(key).asText();
                if (!FHIR_ID.matcher(id).matches()) {
                    throw invalid("launch-context-invalid", "ctx." + key + " must be a FHIR id", "ctx." + key);
                }
                ctx.put(key, id);
            }
        }
        Issuer issuer = Issuer.of(baseUrl, tenant, audience);
        String launch = launches.mint(issuer, client.id(), user.id(), ctx);
        String iss = TenantPaths.fhirBase(baseUrl, tenant, audience);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("uri", launchUri + (launchUri.contains("?") ? "&" : "?") + "iss=" + encode(iss) + "&launch="
                + encode(launch));
        out.put("launch", launch);
        out.put("iss", iss);
        out.put("launch-uri", launchUri);
        return out;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid("launch-" + field + "-missing", field + " is required", field);
        }
        return value.asText();
    }

    private static UnprocessableEntityException invalid(String code, String message, String field) {
        return new UnprocessableEntityException(code, message, field);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
