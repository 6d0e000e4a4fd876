package io.tenfold.portal.invite;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.tenfold.commons.config.PlatformConfig;
import io.tenfold.commons.projection.TenantContext;
import io.tenfold.commons.tenant.TenantPaths;

/**
 * Where an invited person lands from the invitation's link: they choose a password and their account is ready.
 * The page posts to itself (CSRF-protected); tenant-service checks the ticket.
 */
@Path("/tenant/{tenant}/patient/portal/invite")
public class InvitePage {

    private static final int MIN_PASSWORD = 8;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invite(String clinic, String action, String ticket, String error);

        static native TemplateInstance done(String clinic, String portalUrl, String heading, String message);
    }

    private final TenantContext tenant;
    private final InviteAcceptance acceptance;
    private final String baseUrl;

    public InvitePage(TenantContext tenant, InviteAcceptance acceptance, PlatformConfig platform) {
        this.tenant = tenant;
        this.acceptance = acceptance;
        this.baseUrl = platform.publicBaseUrl();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@QueryParam("ticket") String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            return Templates.done(tenant.name(), portal(), "This invitation link is not valid",
                    "Ask the clinic for a new invitation.");
        }
        return Templates.invite(tenant.name(), action(), ticket, null);
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response accept(@FormParam("ticket") String ticket, @FormParam("password") String password,
            @FormParam("confirm") String confirm) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return page(Templates.invite(tenant.name(), action(), ticket,
                    "Choose a password of at least " + MIN_PASSWORD + " characters."), 200);
        }
        if (!password.equals(confirm)) {
            return page(Templates.invite(tenant.name(), action(), ticket, "The two passwords differ."), 200);
        }
        return switch (acceptance.accept(ticket, password)) {
            case ACCEPTED -> page(Templates.done(tenant.name(), portal(), "Your account is ready",
                    "You can now sign in to the apps you use with this clinic, with your email and this password."), 200);
            case INVALID_TICKET -> page(Templates.done(tenant.name(), portal(), "This invitation link is not valid",
                    "It may have been used or have expired. Ask the clinic for a new invitation."), 400);
            case WEAK_PASSWORD -> page(Templates.invite(tenant.name(), action(), ticket,
                    "This password is not accepted; choose a longer one."), 200);
            case UNAVAILABLE -> page(Templates.done(tenant.name(), portal(), "Please try again later",
                    "The clinic's registry cannot be reached right now."), 503);
        };
    }

    private static Response page(TemplateInstance page, int status) {
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }

    private String portal() {
        return TenantPaths.portal(baseUrl, tenant.tenant()) + "/";
    }

    private String action() {
        return TenantPaths.portal(baseUrl, tenant.tenant()) + "/invite";
    }
}
