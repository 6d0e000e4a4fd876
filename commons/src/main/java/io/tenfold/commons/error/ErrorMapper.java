package io.tenfold.commons.error;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one exception mapper of every service: every error leaves as a FHIR {@code OperationOutcome} with the
 * right status (or, for a browser asking for HTML, a plain page saying the same), except the errors of OAuth
 * endpoints, which leave as RFC 6749 JSON. Nothing leaks a stack trace; an unexpected error is logged with a
 * reference the response carries.
 */
public class ErrorMapper {

    public static final String FHIR_JSON = "application/fhir+json;charset=utf-8";

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response outcome(OperationOutcomeException e, HttpHeaders request) {
        Response.ResponseBuilder response = render(e, request);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response oauth(OAuthException e) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", e.error());
        if (e.description() != null) {
            body.put("error_description", e.description());
        }
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .entity(body);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpHeaders request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        OperationOutcomeException outcome = switch (status) {
            case 404 -> new ResourceNotFoundException("route-unknown", "No such resource or route");
            case 405 -> new MethodNotAllowedException("method-not-allowed", "Method not allowed here");
            case 406 -> new NotAcceptableException("not-acceptable", "No acceptable representation");
            case 415 -> new UnsupportedMediaTypeException("media-type-unsupported", "Unsupported media type");
            case 401 -> new AuthenticationException("authentication-required", "Authentication required");
            case 403 -> new ForbiddenOperationException("forbidden", "Forbidden");
            case 413 -> new PayloadTooLargeException("body-too-large", "Request body too large");
            default -> new GenericClientError(status);
        };
        Response.ResponseBuilder response = render(outcome, request);
        if (e.getResponse() != null && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return response.build();
    }

    /** A bearer token that is missing, malformed, forged, expired or not for this API. */
    @ServerExceptionMapper({ io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e, HttpHeaders request) {
        boolean presented = request != null && request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        AuthenticationException outcome = presented
                ? new AuthenticationException("token-invalid", "The access token is not valid for this API")
                : new AuthenticationException("authentication-required", "An access token is required");
        return outcome(outcome.withHeader(HttpHeaders.WWW_AUTHENTICATE,
                presented ? "Bearer error=\"invalid_token\"" : "Bearer"), request);
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, HttpHeaders request) {
        return outcome(new ForbiddenOperationException("forbidden", "Forbidden"), request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders request) {
        return render(new InvalidRequestException("json-malformed", "Malformed JSON body"), request).build();
    }

    /** A database error: the request's own doing when it held text PostgreSQL cannot store, else unexpected. */
    @ServerExceptionMapper
    public Response database(io.vertx.pgclient.PgException e, HttpHeaders request) {
        OperationOutcomeException client = StorageErrors.clientError(e);
        return client == null ? unexpected(e, request) : outcome(client, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders request) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, reference %s", reference);
        OperationOutcomeException outcome = new InternalError(
                "Internal error; the operators can find it in the logs under reference " + reference);
        return render(outcome, request).build();
    }

    private static Response.ResponseBuilder render(OperationOutcomeException e, HttpHeaders request) {
        if (prefersHtml(request)) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                    .entity(ErrorPage.render(e.status(), e.diagnostics()));
        }
        return Response.status(e.status()).type(FHIR_JSON).entity(OperationOutcomes.of(e));
    }

    private static boolean prefersHtml(HttpHeaders request) {
        if (request == null) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = request.getAcceptableMediaTypes();
        } catch (IllegalArgumentException e) {
            return false; // an Accept that does not parse asks for nothing in particular
        }
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.TEXT_HTML_TYPE)
                && !accepted.get(0).isWildcardType();
    }

    private static final class GenericClientError extends OperationOutcomeException {
        GenericClientError(int status) {
            super(status, "invalid", "request-invalid", "Request refused", List.of());
        }
    }

    private static final class InternalError extends OperationOutcomeException {
        InternalError(String diagnostics) {
            super(500, "exception", "internal-error", diagnostics, List.of());
        }
    }
}
