package io.tenfold.auth.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.tenfold.auth.authorize.PendingRequest;
import io.tenfold.auth.authorize.PendingRequests;
import io.tenfold.auth.authorize.Redirects;
import io.tenfold.auth.client.ClientDirectory;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.auth.code.AuthorizationCodes;
import io.tenfold.auth.picker.PatientChoice;
import io.tenfold.auth.picker.PatientPicker;
import io.tenfold.commons.scope.ScopeSet;
import io.tenfold.auth.token.Issuer;
import io.tenfold.auth.user.UserDirectory;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.ForbiddenOperationException;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.vertx.core.json.JsonObject;

/**
 * The consent page: the app's name and what it asks for, in words; the user may untick any of it, pick the
 * patient (provider standalone launch) and allow or deny. Allowing issues the code; a grant that already covers
 * the request skips the question.
 */
@Path("/tenant/{tenant}/{audience: patient|provider}/auth/consent")
public class ConsentPage {

    /** One line of the consent form, ticked or not. */
    public record ScopeLine(String scope, String words, boolean ticked) {
    }

    /** The patient part of the form (provider standalone launch): the query, what it found, or why not. */
    public record Picker(String query, List<PatientChoice> patients, String problem) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance consent(String clinic, String app, String action, String request,
                String csrf, List<ScopeLine> scopes, Picker picker, String error);
    }

    private final TenantContext tenant;
    private final PendingRequests pending;
    private final ClientDirectory clients;
    private final UserDirectory users;
    private final GrantStore grants;
    private final AuthorizationCodes codes;
    private final PatientPicker picker;
    private final String baseUrl;

    public ConsentPage(TenantContext tenant, PendingRequests pending, ClientDirectory clients, UserDirectory users,
            GrantStore grants, AuthorizationCodes codes, PatientPicker picker, PlatformConfig platform) {
        this.tenant = tenant;
        this.pending = pending;
        this.clients = clients;
        this.users = users;
        this.grants = grants;
        this.codes = codes;
        this.picker = picker;
        this.baseUrl = platform.publicBaseUrl();
    }

    @GET
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public Response show(@PathParam("audience") String audienceSegment, @QueryParam("request") String requestId) {
        Audience audience = Audience.ofPath(audienceSegment);
        TenantId tenantId = tenant.tenant();
        PendingRequest request = live(requestId);
        if (request.userId() == null) {
            return Redirects.internal(issuer(audience).endpoint("login") + "?request=" + requestId);
        }
        RegisteredClient client = client(request);
        ScopeSet grantable = grantable(client, audience, request);
        boolean pickPatient = needsPatientPick(audience, request, grantable);
        Optional<ScopeSet> earlier = grants.find(tenantId, request.userId(), client.id(), audience.segment());
        if (!pickPatient && earlier.isPresent() && grantable.isCoveredBy(earlier.get())) {
            return approve(audience, requestId, request, client, grantable, null);
        }
        return page(audience, requestId, request, client, grantable, grantable.values(),
                pickPatient ? "" : null, null);
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response decide(@PathParam("audience") String audienceSegment, MultivaluedMap<String, String> form) {
        Audience audience = Audience.ofPath(audienceSegment);
        String requestId = form.getFirst("request");
        PendingRequest request = live(requestId);
        if (!pending.csrfMatches(tenant.tenant(), requestId, form.getFirst("csrf"))) {
            throw new ForbiddenOperationException("csrf-token-invalid", "This form has expired; please try again.");
        }
        if (request.userId() == null) {
            throw new ForbiddenOperationException("login-required", "Sign in first.");
        }
        RegisteredClient client = client(request);
        String decision = form.getFirst("decision");
        if (!"allow".equals(decision) && !"find".equals(decision)) {
            pending.delete(tenant.tenant(), requestId);
            return Redirects.error(request.redirectUri(), "access_denied", "The user did not allow access",
                    request.state(), issuer(audience).iss());
        }
        ScopeSet grantable = grantable(client, audience, request);
        Set<String> ticked = new LinkedHashSet<>(form.getOrDefault("scope", List.of()));
        ScopeSet approved = ScopeSet.of(grantable.values().stream().filter(ticked::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        boolean pickPatient = needsPatientPick(audience, request, grantable);
        String query = Objects.requireNonNullElse(form.getFirst("patient-query"), "");
        if ("find".equals(decision)) {
            return page(audience, requestId, request, client, grantable, ticked, pickPatient ? query : null, null);
        }
        String patient = null;
        if (pickPatient) {
            PatientPicker.Lookup picked = picker.find(tenant.tenant(), request.userId(), client.id(),
                    form.getFirst("patient"));
            if (picked.patients().isEmpty()) {
                return page(audience, requestId, request, client, grantable, ticked, query,
                        picked.problem() != null ? picked.problem() : "Choose the patient from the list.");
            }
            patient = picked.patients().get(0).id();
        }
        grants.save(tenant.tenant(), request.userId(), client.id(), audience.segment(), approved);
        return approve(audience, requestId, request, client, approved, patient);
    }

    private Response approve(Audience audience, String requestId, PendingRequest request, RegisteredClient client,
            ScopeSet approved, String pickedPatient) {
        TenantId tenantId = tenant.tenant();
        UserState user = users.byId(tenantId.value(), request.userId()).filter(UserState::active)
                .orElseThrow(() -> new ForbiddenOperationException("user-inactive", "This account cannot sign in."));
        JsonObject context = context(audience, request, user, pickedPatient);
        ScopeSet granted = context.containsKey("patient") ? approved
                : ScopeSet.of(approved.values().stream().filter(s -> !s.equals("launch/patient"))
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
        String code = codes.issue(tenantId, audience.segment(), client.id(), user.id(), request.redirectUri(),
                granted.toString(), request.nonce(), request.codeChallenge(), context);
        pending.delete(tenantId, requestId);
        return Redirects.code(request.redirectUri(), code, request.state(), issuer(audience).iss());
    }

    /** The launch context the tokens will carry: the patient, the user's FHIR resource, the banner hint. */
    private JsonObject context(Audience audience, PendingRequest request, UserState user, String pickedPatient) {
        JsonObject context = new JsonObject();
        JsonObject launched = request.launchContext() == null ? null
                : request.launchContext().getJsonObject("context");
        if (user.fhirUser() != null) {
            context.put("fhirUser", TenantPaths.fhirBase(baseUrl, tenant.tenant(), audience) + "/"
                    + user.fhirUser().reference());
        }
        if (audience == Audience.PATIENT && user.fhirUser() != null
                && "Patient".equals(user.fhirUser().resourceType())) {
            context.put("patient", user.fhirUser().id());
        } else if (launched != null && launched.getString("patient") != null) {
            context.put("patient", launched.getString("patient"));
        } else if (pickedPatient != null) {
            context.put("patient", pickedPatient);
        }
        if (launched != null && launched.getString("encounter") != null) {
            context.put("encounter", launched.getString("encounter"));
        }
        context.put("need_patient_banner", launched == null);
        return context;
    }

    private boolean needsPatientPick(Audience audience, PendingRequest request, ScopeSet grantable) {
        boolean launchedWithPatient = request.launchContext() != null
                && request.launchContext().getJsonObject("context") != null
                && request.launchContext().getJsonObject("context").getString("patient") != null;
        return audience == Audience.PROVIDER && grantable.contains("launch/patient") && !launchedWithPatient;
    }

    private ScopeSet grantable(RegisteredClient client, Audience audience, PendingRequest request) {
        return Grantable.of(client, audience, ScopeSet.parse(request.scope()), request.launchContext() != null);
    }

    private RegisteredClient client(PendingRequest request) {
        return clients.find(tenant.tenant().value(), request.clientId()).filter(RegisteredClient::active)
                .orElseThrow(() -> new InvalidRequestException("authorize-client-unknown",
                        "This application is no longer registered."));
    }

    private PendingRequest live(String requestId) {
        return pending.find(tenant.tenant(), requestId).orElseThrow(() -> new InvalidRequestException(
                "authorize-request-expired", "This sign-in has expired. Go back to the app and start again."));
    }

    private Issuer issuer(Audience audience) {
        return Issuer.of(baseUrl, tenant.tenant(), audience);
    }

    /** The page; {@code patientQuery} null: no patient to pick, else the picker with what it finds. */
    private Response page(Audience audience, String requestId, PendingRequest request, RegisteredClient client,
            ScopeSet grantable, Collection<String> ticked, String patientQuery, String error) {
        List<ScopeLine> lines = new ArrayList<>();
        for (String scope : grantable.values()) {
            lines.add(new ScopeLine(scope, ScopeWords.describe(scope), ticked.contains(scope)));
        }
        Picker pick = null;
        if (patientQuery != null) {
            PatientPicker.Lookup found = picker.search(tenant.tenant(), request.userId(), client.id(), patientQuery);
            pick = new Picker(patientQuery, found.patients(), found.problem());
        }
        String app = client.state().name() == null || client.state().name().isBlank() ? client.id()
                : client.state().name();
        TemplateInstance page = Templates.consent(tenant.name(), app, issuer(audience).endpoint("consent"),
                requestId, pending.renewCsrf(tenant.tenant(), requestId), lines, pick, error);
        return Response.ok(page).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'").build();
    }
}
