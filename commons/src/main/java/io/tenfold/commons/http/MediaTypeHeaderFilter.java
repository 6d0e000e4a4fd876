package io.tenfold.commons.http;

import java.util.List;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.tenfold.commons.error.InvalidRequestException;
import io.tenfold.commons.error.OAuthException;
import io.tenfold.commons.tenant.TenantPaths;

/**
 * An {@code Accept} or {@code Content-Type} that does not parse as media types is a 400 before anything reads it
 * (content negotiation would otherwise fail with a 500): an RFC 6749 {@code invalid_request} at the OAuth
 * endpoints ({@link TenantPaths#isAuthorizationServer}), an OperationOutcome elsewhere. An empty {@code Accept}
 * counts as none, which accepts any representation.
 */
public class MediaTypeHeaderFilter {

    /** First of all filters: the others (the FHIR format filter, the tenant filter, ...) may read these headers. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 200)
    public void refuseMalformedMediaTypes(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept != null) {
            if (accept.stream().allMatch(String::isBlank)) {
                request.getHeaders().remove(HttpHeaders.ACCEPT);
            } else {
                for (String value : accept) {
                    for (String range : value.split(",")) {
                        if (!range.isBlank()) {
                            parse(request, range, HttpHeaders.ACCEPT);
                        }
                    }
                }
            }
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.isBlank()) {
            parse(request, contentType, HttpHeaders.CONTENT_TYPE);
        }
    }

    private static void parse(ContainerRequestContext request, String value, String header) {
        try {
            MediaType.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            String problem = header + " holds '" + value.trim() + "', which is not a media type (type/subtype)";
            if (TenantPaths.isAuthorizationServer(request.getUriInfo().getPath())) {
                throw OAuthException.invalidRequest(problem);
            }
            throw new InvalidRequestException("media-type-malformed", problem);
        }
    }
}
