package io.tenfold.tenant.policy;

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

/** The operator API for access policies: {@code /AccessPolicy}, JSON or YAML. */
@Path("/AccessPolicy")
@OperatorOnly
@Tag(name = "AccessPolicy")
@SecurityRequirement(name = "operator")
@Consumes(MediaType.WILDCARD)
@Produces({ MediaType.APPLICATION_JSON, RegistryFormats.YAML })
public class AccessPolicyResource extends RegistryResource<AccessPolicyEntity, AccessPolicyDocument> {

    public AccessPolicyResource(AccessPolicyService policies, RegistryHttp http) {
        super(policies, http, RegistryKind.ACCESS_POLICY);
    }

    @Override
    protected AccessPolicyDocument parse(JsonNode body, String pathId) {
        return AccessPolicyDocument.from(body, pathId);
    }
}
