package io.tenfold.tenant.user;

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

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.tenfold.tenant.operator.OperatorOnly;
import io.tenfold.tenant.registry.RegistryFormats;
import io.tenfold.tenant.registry.RegistryHttp;
import io.tenfold.tenant.registry.RegistryKind;
import io.tenfold.tenant.registry.RegistryResource;

/** The operator API for users: {@code /User}, JSON or YAML; search by {@code email}. Passwords are write-only. */
@Path("/User")
@OperatorOnly
@Tag(name = "User")
@SecurityRequirement(name = "operator")
@Consumes(MediaType.WILDCARD)
@Produces({ MediaType.APPLICATION_JSON, RegistryFormats.YAML })
public class UserResource extends RegistryResource<UserEntity, UserDocument> {

    private final UserService users;

    public UserResource(UserService users, RegistryHttp http) {
        super(users, http, RegistryKind.USER);
        this.users = users;
    }

    @Override
    protected UserDocument parse(JsonNode body, String pathId) {
        return UserDocument.from(body, pathId);
    }

    @POST
    @Operation(summary = "Create a user (the id is generated when the body has none)")
    public Uni<Response> create(byte[] body, @Context HttpHeaders headers) {
        UserDocument doc = UserDocument.from(http.read(body, headers), null);
        return users.create(doc).map(user -> http.written(kind, user, true, headers));
    }
}
