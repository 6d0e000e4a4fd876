package io.tenfold.auth.login;

import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.tenfold.auth.audit.AuditLog;
import io.tenfold.auth.authorize.PendingRequest;
import io.tenfold.auth.authorize.PendingRequests;
import io.tenfold.auth.authorize.Redirects;
import io.tenfold.auth.client.ClientDirectory;
import io.tenfold.auth.session.Sessions;
import io.tenfold.auth.token.Issuer;
import io.tenfold.auth.user.UserDirectory;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.error.ForbiddenOperationException;
import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.event.AuditEvent;
import io.tenfold.commons.event.UserState;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.security.PasswordHashing;
import io.tenfold.commons.tenant.Audience;
import io.tenfold.commons.tenant.TenantId;
import io.vertx.core.http.HttpServerRequest;

/**
 * The sign-in page of a tenant's authorization server. Any failure (unknown email, wrong password, inactive
 * user, a patient at the provider server, throttled) gets the same page and the same words, after the same
 * work (an unknown email is checked against a dummy hash), so nothing tells which it was.
 */
@Path("/tenant/{tenant}/{audience: patient|provider}/auth/login")
public class LoginPage {

    static final String FAILED = "The email or password is not right, or this account cannot sign in here.";
    private static final String DUMMY_HASH = PasswordHashing.hash("tenfold-dummy-password-for-timing");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String clinic, String app, String audience, String action,
                String request, String csrf, String email, String error);
    }

    private final TenantContext tenant;
    private final PendingRequests pending;
    private final ClientDirectory clients;
    private final UserDirectory users;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final AuditLog audit;
    private final String baseUrl;

    public LoginPage(TenantContext tenant, PendingRequests pending, ClientDirectory clients, UserDirectory users,
            LoginThrottle throttle, Sessions sessions, AuditLog audit, PlatformConfig platform) {
        this.tenant = tenant;
        this.pending = pending;
        this.clients = clients;
        this.users = users;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.baseUrl = platform.publicBaseUrl();
    }

    @GET
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    public Response show(@PathParam("audience") String audience, @QueryParam("request") String requestId) {
        PendingRequest request = live(requestId);
        String csrf = pending.renewCsrf(tenant.tenant(), requestId);
        return page(Audience.ofPath(audience), request, requestId, csrf, "", null);
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(@PathParam("audience") String audienceSegment, @FormParam("request") String requestId,
            @FormParam("csrf") String csrf, @FormParam("email") String email, @FormParam("password") String password,
            @Context HttpServerRequest http) {
        TenantId tenantId = tenant.tenant();
        Audience audience = Audience.ofPath(audienceSegment);
        PendingRequest request = live(requestId);
        if (!pending.csrfMatches(tenantId, requestId, csrf)) {
            throw new ForbiddenOperationException("csrf-token-invalid", "This form has expired; please try again.");
        }
        String ip = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        Optional<UserState> user = attempt(tenantId, audience, request, email, password);
        if (user.isEmpty()) {
            throttle.failed(tenantId, email);
            audit.record(new AuditEvent("login-failed", "failure", tenantId.value(), audience.segment(),
                    request.clientId(), null, ip, null));
            return page(audience, request, requestId, pending.renewCsrf(tenantId, requestId),
                    email == null ? "" : email, FAILED);
        }
        throttle.succeeded(tenantId, email);
        audit.record(new AuditEvent("login", "success", tenantId.value(), audience.segment(), request.clientId(),
                user.get().id(), ip, null));
        pending.attachUser(tenantId, requestId, user.get().id());
        return Response.fromResponse(Redirects.internal(
                Issuer.of(baseUrl, tenantId, audience).endpoint("consent") + "?request=" + requestId))
                .cookie(sessions.start(tenantId, audience, user.get().id())).build();
    }

    private Optional<UserState> attempt(TenantId tenantId, Audience audience, PendingRequest request, String email,
            String password) {
        boolean locked = throttle.locked(tenantId, email);
        Optional<UserState> user = users.byEmail(tenantId.value(), email);
        String hash = user.map(UserState::passwordHash).orElse(null);
        boolean passwordOk = PasswordHashing.verify(password == null ? "" : password, hash == null ? DUMMY_HASH : hash)
                && hash != null;
        if (locked || !passwordOk) {
            return Optional.empty();
        }
        UserState found = user.get();
        boolean roleOk = found.hasRole(audience == Audience.PATIENT ? "patient" : "provider");
        String launchUser = request.launchContext() == null ? null : request.launchContext().getString("user");
        if (!found.active() || !roleOk || (launchUser != null && !launchUser.equals(found.id()))) {
            return Optional.empty();
        }
        return user;
    }

    private PendingRequest live(String requestId) {
        return pending.find(tenant.tenant(), requestId).orElseThrow(() -> new InvalidRequestException(
                "authorize-request-expired",
                "This sign-in has expired. Go back to the app and start again."));
    }

    private Response page(Audience audience, PendingRequest request, String requestId, String csrf, String email,
            String error) {
        String app = clients.find(tenant.tenant().value(), request.clientId()).map(c -> c.state().name())
                .filter(n -> n != null && !n.isBlank()).orElse(request.clientId());
        TemplateInstance page = Templates.login(tenant.name(), app, audience.segment(),
                Issuer.of(baseUrl, tenant.tenant(), audience).endpoint("login"), requestId, csrf, email, error);
        return Response.ok(page).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
                .build();
    }
}
