package io.tenfold.tenant.invite;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.tenfold.commons.tenant.TenantId;
import io.tenfold.commons.tenant.TenantPaths;
import io.tenfold.tenant.operator.OperatorOnly;
import io.tenfold.tenant.registry.RegistryFormats;
import io.tenfold.tenant.registry.RegistryHttp;
import io.tenfold.tenant.registry.RegistryKind;

/**
 * {@code POST /User/$invite} (operators): creates a user of a tenant without a password, and its invitation; the
 * answer carries the invitation URL, which is mailed too when {@code sendEmail} is true.
 */
@Path("/User/$invite")
@Tag(name = "User")
@Consumes(MediaType.WILDCARD)
@Produces({ MediaType.APPLICATION_JSON, RegistryFormats.YAML })
public class InviteResource {

    private final InviteService invites;
    private final InviteMailer mailer;
    private final RegistryHttp http;

    public InviteResource(InviteService invites, InviteMailer mailer, RegistryHttp http) {
        this.invites = invites;
        this.mailer = mailer;
        this.http = http;
    }

    @POST
    @OperatorOnly
    @SecurityRequirement(name = "operator")
    @Operation(summary = "Invite a user of a tenant: creates it without a password and answers the invitation URL")
    public Uni<Response> invite(byte[] body, @Context HttpHeaders headers) {
        InviteDocument doc = InviteDocument.from(http.read(body, headers));
        return invites.invite(doc.user()).chain(invited -> {
            String url = TenantPaths.portal(http.baseUrl(), new TenantId(invited.user().tenantId))
                    + "/invite?ticket=" + invited.ticket();
            Uni<Boolean> sent = doc.sendEmail() ? mailer.sendInvitation(doc.user(), invited, url)
                    : Uni.createFrom().nullItem();
            return sent.map(emailSent -> {
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                answer.set("user", http.render(invited.user()));
                answer.put("invitationUrl", url);
                answer.put("expires", invited.expiresAt().toString());
                if (emailSent != null) {
                    answer.put("emailSent", emailSent);
                }
                return http.write(Response.status(201).location(URI.create(http.url(RegistryKind.USER,
                        invited.user().id))), answer, headers).build();
            });
        });
    }
}
