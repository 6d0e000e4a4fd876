package io.tenfold.tenant.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.tenfold.tenant.operator.OperatorOnly;
import io.tenfold.tenant.registry.RegistryFormats;
import io.tenfold.tenant.registry.RegistryHttp;
import io.tenfold.tenant.registry.RegistryKind;
import io.tenfold.tenant.registry.RegistryResource;

/** The operator API for clients: {@code /Client}, JSON or YAML. Secrets are write-only. */
@Path("/Client")
@OperatorOnly
@Tag(name = "Client")
@SecurityRequirement(name = "operator")
@Consumes(MediaType.WILDCARD)
@Produces({ MediaType.APPLICATION_JSON, RegistryFormats.YAML })
public class ClientResource extends RegistryResource<ClientEntity, ClientDocument> {

    public ClientResource(ClientService clients, RegistryHttp http) {
        super(clients, http, RegistryKind.CLIENT);
    }

    @Override
    protected ClientDocument parse(JsonNode body, String pathId) {
        return ClientDocument.from(body, pathId);
    }
}
