package io.tenfold.auth.endpoint;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

import io.tenfold.auth.client.ClientAuthentication;
import io.tenfold.auth.client.RegisteredClient;
import io.tenfold.auth.token.Issuer;
import io.tenfold.commons.error.OAuthException;

/**
 * A client asking about one of its tokens (introspection, revocation): the form read, the caller authenticated
 * as for the token endpoint, and the {@code token} it names.
 */
record TokenRequestOfClient(RegisteredClient caller, String token) {

    static TokenRequestOfClient read(ClientAuthentication authentication, Issuer issuer, HttpHeaders headers,
            String body) {
        MultivaluedMap<String, String> form = OAuthForms.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        RegisteredClient caller = authentication.authenticate(issuer.tenantKey(),
                headers.getHeaderString(HttpHeaders.AUTHORIZATION), form, issuer.endpoint("token")).client();
        String token = ClientAuthentication.single(form, "token");
        if (token == null) {
            throw OAuthException.invalidRequest("token is required");
        }
        return new TokenRequestOfClient(caller, token);
    }
}
