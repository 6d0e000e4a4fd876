package io.tenfold.bulk.kickoff;

import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.tenfold.commons.error.AuthenticationException;

/**
 * Every Bulk Data call needs a backend-services token of the tenant's provider authorization server. Token
 * verification arrives with the bulk data issue; until then no token is accepted, so a known tenant's bulk API
 * answers 401 (and an unknown tenant's 404, from the tenant filter that runs first).
 */
public class BearerRequiredFilter {

    private static final Pattern BULK_API = Pattern.compile("/tenant/[^/]+/bulk-api(/.*)?");

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 100)
    public void requireToken(ContainerRequestContext request) {
        if (!BULK_API.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        boolean hasToken = request.getHeaderString("Authorization") != null;
        AuthenticationException refused = new AuthenticationException(hasToken ? "token-invalid" : "token-missing",
                hasToken ? "The bearer token is not valid here" : "A bearer token is required");
        refused.withHeader("WWW-Authenticate", hasToken
                ? "Bearer realm=\"tenfold\", error=\"invalid_token\""
                : "Bearer realm=\"tenfold\"");
        throw refused;
    }
}
