package io.tenfold.auth.grant;

import jakarta.ws.rs.core.MultivaluedMap;

import io.tenfold.auth.client.ClientAuthentication;
import io.tenfold.auth.token.Issuer;
import io.tenfold.commons.tenant.Audience;

/** A request to a token endpoint, after its form was read: which issuer, which parameters, from where. */
public record TokenRequest(Issuer issuer, Audience audience, MultivaluedMap<String, String> form,
        String authorization, String sourceIp) {

    /** A parameter that may appear at most once. */
    public String param(String name) {
        return ClientAuthentication.single(form, name);
    }
}
