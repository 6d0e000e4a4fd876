package io.tenfold.tenant.invite;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tenfold.tenant.registry.RegistryFormats;
import io.tenfold.tenant.registry.RegistryHttp;

/**
 * {@code POST /User/$accept-invite} with {@code {ticket, password}}: no operator credentials, the ticket is the
 * credential. Sets the invited user's password; the ticket works once.
 */
@Path("/User/$accept-invite")
@Tag(name = "User")
@Consumes(MediaType.WILDCARD)
@Produces({ MediaType.APPLICATION_JSON, RegistryFormats.YAML })
public class AcceptInviteResource {

    private final InviteService invites;
    private final RegistryHttp http;

    public AcceptInviteResource(InviteService invites, RegistryHttp http) {
        this.invites = invites;
        this.http = http;
    }

    @POST
    @Operation(summary = "Accept an invitation: set the password with the ticket of the invitation URL")
    public Uni<Response> accept(byte[] body, @Context HttpHeaders headers) {
        AcceptDocument doc = AcceptDocument.from(http.read(body, headers));
        return invites.accept(doc).map(user -> http.ok(user, headers));
    }
}
